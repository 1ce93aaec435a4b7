import {
  createTestDatabase,
  freePort,
  spawnApp,
  uniqueName,
  type SpawnedApp,
  type TestDatabase,
} from '@teranode-p2p/testing';

export interface RealBanService {
  readonly app: SpawnedApp;
  /** host:port of its gRPC API (ban RPCs, BanService, PeerRegistry). */
  readonly address: string;
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
  const app = await spawnApp('ban-service', {
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_BAN_EVENTS: uniqueName(`${name}-ban-events`),
      ban_service_grpc_listen_address: address,
      ban_service_http_listen_address: `127.0.0.1:${await freePort()}`,
      ...env,
    },
    readyWhen: /ban-service ready/,
  });
  return {
    app,
    address,
    database,
    stop: async () => {
      await app.stop();
      await database.drop();
    },
  };
}
