export { banServiceDefinition } from './ban-service.definition.js';
export { BanServiceModule } from './ban-service.module.js';
