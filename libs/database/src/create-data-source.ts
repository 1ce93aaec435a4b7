import { DataSource } from 'typeorm';
import { migrations } from './migrations/index.js';
import { NodeKeyEntity } from './schema/node-key.entity.js';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  applicationName?: string;
}

/** A TypeORM data source on PostgreSQL (or the embedded PGlite server) with the product's schema. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: [NodeKeyEntity],
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    applicationName: options.applicationName ?? 'teranode-p2p',
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  });
}
