import {
  Metadata,
  status,
  type CallOptions,
  type ClientUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';

type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => ClientUnaryCall;

export interface CallSettings {
  timeoutMs: number;
  /** Sent as x-api-key when set (mutating admin RPCs need it). */
  apiKey?: string;
}

/** A failed gRPC call, with whether trying again later can help. */
export class GrpcCallError extends Error {
  override readonly name = 'GrpcCallError';
  constructor(
    readonly service: string,
    readonly code: status,
    details: string,
  ) {
    super(`${service}: ${status[code] ?? code}: ${details}`);
  }

  /** The other side is down, overloaded or slow: worth retrying. Anything else will fail again. */
  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}

const TRANSIENT = new Set<status>([
  status.UNAVAILABLE,
  status.DEADLINE_EXCEEDED,
  status.RESOURCE_EXHAUSTED,
  status.ABORTED,
  status.INTERNAL,
  status.UNKNOWN,
  status.CANCELLED,
]);

/** One unary call with a deadline, as a promise; failures become GrpcCallError. */
export function unaryCall<Req, Res>(
  service: string,
  method: UnaryMethod<Req, Res>,
  request: Req,
  settings: CallSettings,
): Promise<Res> {
  const metadata = new Metadata();
  if (settings.apiKey) metadata.set('x-api-key', settings.apiKey);
  return new Promise((resolve, reject) => {
    method(request, metadata, { deadline: Date.now() + settings.timeoutMs }, (error, response) => {
      if (error) reject(new GrpcCallError(service, error.code, error.details || error.message));
      else resolve(response);
    });
  });
}
