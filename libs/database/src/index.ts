export { createDataSource, type DataSourceOptions } from './create-data-source.js';
export { runMigrations } from './run-migrations.js';
export {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';
export { NodeKeyEntity } from './schema/node-key.entity.js';
export { migrations } from './migrations/index.js';
export { connectDatabase, type Database, type DatabaseSettings } from './connect-database.js';
export { DatabaseStartError } from './database-start-error.js';
