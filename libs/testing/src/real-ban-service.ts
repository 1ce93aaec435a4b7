import { freePort } from './free-port.js';
import { uniqueName } from './real-kafka.js';
import { createTestDatabase, type TestDatabase } from './real-postgres.js';
import { spawnApp, type SpawnedApp } from './spawn-app.js';

export interface RealBanService {
  readonly app: SpawnedApp;
  /** host:port of its gRPC API (ban RPCs, BanService, PeerRegistry). */
  readonly address: string;
  /** Base URL of its HTTP server (health, metrics). */
  readonly httpUrl: string;
  readonly database: TestDatabase;
  /** Stops the process and drops its database. */
  stop(): Promise<void>;
}

/** The built ban-service on a private database of the real PostgreSQL and the real broker. */
export async function startRealBanService(
  name: string,
  brokers: string[],
  env: Record<string, string> = {},
): Promise<RealBanService> {
  const database = await createTestDatabase(name);
  const address = `127.0.0.1:${await freePort()}`;
  const httpAddress = `127.0.0.1:${await freePort()}`;
  const app = await spawnApp('ban-service', {
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_BAN_EVENTS: uniqueName(`${name}-ban-events`),
      ban_service_grpc_listen_address: address,
      ban_service_http_listen_address: httpAddress,
      ...env,
    },
    readyWhen: /ban-service ready/,
  });
  return {
    app,
    address,
    httpUrl: `http://${httpAddress}`,
    database,
    stop: async () => {
      await app.stop();
      await database.drop();
    },
  };
}
