import { credentials, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { ban_service, p2p_api, peer_registry } from '@teranode-p2p/contracts';
import { freePort, spawnApp, type SpawnedApp } from '@teranode-p2p/testing';

export const ADMIN_KEY = 'test-admin-key';

export interface BanServiceProcess {
  app: SpawnedApp;
  grpcAddress: string;
  httpUrl: string;
  ban: ban_service.BanServiceClient;
  peers: p2p_api.PeerServiceClient;
  registry: peer_registry.PeerRegistryClient;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The built ban-service as its own process, on free ports, with the given settings. */
export async function startBanService(env: Record<string, string>): Promise<BanServiceProcess> {
  const grpcPort = await freePort();
  const httpPort = await freePort();
  const grpcAddress = `127.0.0.1:${grpcPort}`;
  const app = await spawnApp('ban-service', {
    env: {
      ban_service_grpc_listen_address: grpcAddress,
      ban_service_http_listen_address: `127.0.0.1:${httpPort}`,
      grpc_admin_api_key: ADMIN_KEY,
      log_level: 'info',
      ...env,
    },
    readyWhen: /"ban-service ready"|ban-service ready/,
    readyTimeoutMs: 30_000,
  });
  const ban = new ban_service.BanServiceClient(grpcAddress, credentials.createInsecure());
  const peers = new p2p_api.PeerServiceClient(grpcAddress, credentials.createInsecure());
  const registry = new peer_registry.PeerRegistryClient(grpcAddress, credentials.createInsecure());
  return {
    app,
    grpcAddress,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    ban,
    peers,
    registry,
    stop: async (signal = 'SIGTERM') => {
      ban.close();
      peers.close();
      registry.close();
      return app.stop(signal);
    },
  };
}

export function adminMetadata(key = ADMIN_KEY): Metadata {
  const metadata = new Metadata();
  metadata.set('x-api-key', key);
  return metadata;
}

/** A unary method of a generated service definition, e.g. `BAN.check` or `PEERS.isBanned`. */
interface UnaryMethod<Req, Res> {
  path: string;
  requestSerialize(value: Req): Buffer;
  responseDeserialize(value: Buffer): Res;
}

export const BAN: ban_service.BanServiceService = ban_service.BanServiceService;
export const PEERS: p2p_api.PeerServiceService = p2p_api.PeerServiceService;
export const REGISTRY: peer_registry.PeerRegistryService = peer_registry.PeerRegistryService;

/** Calls a unary method; resolves with the response or rejects with the ServiceError. */
export function call<Req, Res>(
  client: Client,
  method: UnaryMethod<Req, Res>,
  request: Req,
  metadata: Metadata = new Metadata(),
): Promise<Res> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      method.path,
      (value: Req) => method.requestSerialize(value),
      (value: Buffer) => method.responseDeserialize(value),
      request,
      metadata,
      (error: ServiceError | null, response?: Res) =>
        error ? reject(error) : resolve(response as Res),
    );
  });
}

/** The gRPC status code and message a call failed with. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, details } = error as ServiceError;
    return { code, details };
  }
  throw new Error('expected the call to fail');
}
