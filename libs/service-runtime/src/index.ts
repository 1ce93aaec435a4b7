export { SETTINGS, InjectSettings, SettingsModule } from './settings.module.js';
export { createJsonLogger, JsonNestLogger, SECRET_LOG_KEYS } from './json-logger.js';
export {
  listenOn,
  startService,
  type RunningService,
  type ServiceDefinition,
} from './start-service.js';
export { runServiceMain, EXIT_BAD_SETTINGS } from './run-service-main.js';
export { grpcServerOptions, protoLoaderOptions } from './grpc/grpc-server-options.js';
export { AdminApiKeyGuard, AdminOnly } from './grpc/admin-api-key.guard.js';
export {
  grpcError,
  invalidArgument,
  notFound,
  resourceExhausted,
  unauthenticated,
  unavailable,
} from './grpc/grpc-errors.js';
export { InjectMetrics, METRICS_REGISTRY, MetricsModule } from './metrics/metrics.module.js';
