import { status, type Metadata } from '@grpc/grpc-js';
import { p2p_api } from '@teranode-p2p/contracts';
import { formatHostPort, type Settings } from '@teranode-p2p/config';
import {
  GrpcCallError,
  grpcClient,
  grpcError,
  unaryCall,
  type GrpcClientSettings,
  type UnaryMethod,
} from '@teranode-p2p/service-runtime';

const FORWARD_TIMEOUT_MS = 5000;
/** The forwarded RPCs that change nothing: retried on any UNAVAILABLE. */
const READS = new Set(['isBanned', 'listBanned']);

/**
 * The ban RPCs of p2p_api.PeerService are answered by ban-service (the one ban authority);
 * this forwards them unchanged, with the caller's x-api-key, and passes errors through.
 */
export class BanServiceForwarder {
  private readonly client: p2p_api.PeerServiceClient;
  private readonly address: string;

  constructor(
    private readonly settings: Pick<Settings, 'ban_service_grpc_address'> & GrpcClientSettings,
  ) {
    this.address = formatHostPort(settings.ban_service_grpc_address);
    this.client = grpcClient(p2p_api.PeerServiceClient, this.address, settings);
  }

  async call<Req, Res>(
    method: keyof p2p_api.PeerServiceClient & string,
    request: Req,
    incoming: Metadata | undefined,
  ): Promise<Res> {
    const fn = (this.client[method] as unknown as UnaryMethod<Req, Res>).bind(this.client);
    try {
      return await unaryCall('ban-service', fn, request, {
        timeoutMs: FORWARD_TIMEOUT_MS,
        apiKey: incoming?.get('x-api-key')[0]?.toString(),
        retry: this.settings,
        idempotent: READS.has(method),
      });
    } catch (error) {
      if (!(error instanceof GrpcCallError)) throw error;
      if (error.code === status.UNAVAILABLE || error.code === status.DEADLINE_EXCEEDED) {
        throw grpcError(
          status.UNAVAILABLE,
          `ban-service at ${this.address} did not answer ${method}: ${error.details}`,
        );
      }
      throw grpcError(error.code, error.details);
    }
  }

  close(): void {
    this.client.close();
  }
}
