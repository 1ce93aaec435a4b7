import { freePort } from './free-port.js';
import { spawnApp, type SpawnedApp } from './spawn-app.js';

/** The built blockchain simulator serving its gRPC API on 127.0.0.1:`port` (so it can restart there). */
export async function startBlockchainSimulator(
  port: number,
  env: Record<string, string> = {},
): Promise<SpawnedApp> {
  return spawnApp('blockchain-simulator', {
    env: {
      simulator_grpc_listen_address: `127.0.0.1:${port}`,
      simulator_http_listen_address: `127.0.0.1:${await freePort()}`,
      ...env,
    },
    readyWhen: /blockchain-simulator ready/,
  });
}
