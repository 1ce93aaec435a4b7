import { Metadata, status, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { p2p_api } from '@teranode-p2p/contracts';
import { formatHostPort } from '@teranode-p2p/config';
import { grpcError } from '@teranode-p2p/service-runtime';

type Unary<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: { deadline: number },
  callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

const FORWARD_TIMEOUT_MS = 5000;

/**
 * The ban RPCs of p2p_api.PeerService are answered by ban-service (the one ban authority);
 * this forwards them unchanged, with the caller's x-api-key, and passes errors through.
 */
export class BanServiceForwarder {
  private readonly client: p2p_api.PeerServiceClient;

  constructor(
    private readonly address: { host: string; port: number },
    channel: ChannelCredentials,
  ) {
    this.client = new p2p_api.PeerServiceClient(formatHostPort(address), channel);
  }

  call<Req, Res>(
    method: keyof p2p_api.PeerServiceClient & string,
    request: Req,
    incoming: Metadata | undefined,
  ): Promise<Res> {
    const metadata = new Metadata();
    const key = incoming?.get('x-api-key')[0];
    if (key !== undefined) metadata.set('x-api-key', key);
    const fn = (this.client[method] as unknown as Unary<Req, Res>).bind(this.client);
    return new Promise((resolve, reject) => {
      fn(request, metadata, { deadline: Date.now() + FORWARD_TIMEOUT_MS }, (error, response) => {
        if (!error) return resolve(response);
        if (error.code === status.UNAVAILABLE || error.code === status.DEADLINE_EXCEEDED) {
          return reject(
            grpcError(
              status.UNAVAILABLE,
              `ban-service at ${formatHostPort(this.address)} did not answer ${method}: ${error.details}`,
            ),
          );
        }
        reject(grpcError(error.code, error.details));
      });
    });
  }

  close(): void {
    this.client.close();
  }
}
