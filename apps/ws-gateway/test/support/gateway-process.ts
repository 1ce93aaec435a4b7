import {
  freePort,
  requireKafka,
  spawnApp,
  uniqueName,
  type SpawnedApp,
} from '@teranode-p2p/testing';

export interface RunningGateway {
  app: SpawnedApp;
  httpUrl: string;
  wsUrl: string;
  replicaName: string;
  stop(): Promise<number | null>;
}

/**
 * The built ws-gateway as its own process on a free 127.0.0.1 port, consuming `topic` on the
 * real broker. `settings` override the defaults (each a setting key as environment variable).
 */
export async function startGateway(
  topic: string,
  settings: Record<string, string> = {},
): Promise<RunningGateway> {
  const brokers = await requireKafka();
  const port = await freePort();
  const replicaName = settings['ws_replica_name'] ?? uniqueName('replica');
  const tls = settings['securityLevelHTTP'] === '1';
  const app = await spawnApp('ws-gateway', {
    env: {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_P2P_EVENTS: topic,
      p2p_http_listen_address: `127.0.0.1:${port}`,
      ws_replica_name: replicaName,
      log_level: 'info',
      ...settings,
    },
    readyWhen: /ws-gateway ready/,
  });
  const httpUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    app,
    httpUrl,
    wsUrl: `${tls ? 'wss' : 'ws'}://127.0.0.1:${port}/p2p-ws`,
    replicaName,
    stop: () => app.stop('SIGTERM'),
  };
}
