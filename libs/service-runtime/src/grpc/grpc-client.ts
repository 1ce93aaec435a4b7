import { setTimeout as sleep } from 'node:timers/promises';
import {
  connectivityState,
  Metadata,
  status,
  type CallOptions,
  type ChannelCredentials,
  type Client,
  type ClientOptions,
  type ClientUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import { formatHostPort, type HostPort, type Settings } from '@teranode-p2p/config';
import { grpcClientCredentials, type GrpcTlsSettings } from './grpc-credentials.js';

/** How a call is retried: grpc_max_retries more attempts, grpc_retry_backoff apart. */
export type GrpcRetrySettings = Pick<Settings, 'grpc_max_retries' | 'grpc_retry_backoff'>;
export type GrpcClientSettings = GrpcTlsSettings & GrpcRetrySettings;

/** A generated grpc-js client class (`ban_service.BanServiceClient`, …). */
export type GrpcClientClass<C extends Client> = new (
  address: string,
  credentials: ChannelCredentials,
  options?: Partial<ClientOptions>,
) => C;

/** A unary method of a generated client, bound to it. */
export type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => ClientUnaryCall;

/**
 * grpc-js reconnects to a service that is down after a backoff, and until then fails every call
 * at once with the last error. The backoff starts at grpc_retry_backoff (never below
 * MIN_RECONNECT_BACKOFF_MS; grpc_retry_backoff may be 0), so a service that restarts is met
 * again by the next retry, and grows (×1.6 with jitter, grpc-js's pace) up to
 * MAX_RECONNECT_BACKOFF_MS while the service stays down, so a node whose ban-service or
 * blockchain service is gone does not spend its CPU on connection attempts; it starts over
 * at grpc_retry_backoff once a connection succeeds. A service back after a long outage is
 * reconnected within MAX_RECONNECT_BACKOFF_MS.
 */
const MIN_RECONNECT_BACKOFF_MS = 100;
export const MAX_RECONNECT_BACKOFF_MS = 5000;

/**
 * A client of one of the product's services or of Teranode's: TLS as security_level_grpc says
 * (grpcClientCredentials), reconnecting with a backoff from grpc_retry_backoff up to
 * MAX_RECONNECT_BACKOFF_MS. It connects on its first call; `close()` it when done.
 */
export function grpcClient<C extends Client>(
  Class: GrpcClientClass<C>,
  address: HostPort | string,
  settings: GrpcClientSettings,
): C {
  const initialMs = Math.max(settings.grpc_retry_backoff, MIN_RECONNECT_BACKOFF_MS);
  return new Class(
    typeof address === 'string' ? address : formatHostPort(address),
    grpcClientCredentials(settings),
    {
      'grpc.initial_reconnect_backoff_ms': initialMs,
      'grpc.max_reconnect_backoff_ms': Math.max(initialMs, MAX_RECONNECT_BACKOFF_MS),
    },
  );
}

export interface CallSettings {
  /** Deadline of the whole call, its retries and the waits between them included. */
  timeoutMs: number;
  /** Sent as x-api-key when set (mutating admin RPCs need it). */
  apiKey?: string;
  /** grpc_max_retries and grpc_retry_backoff (a Settings object will do). */
  retry: GrpcRetrySettings;
  /** The call changes nothing on the server (a read), so any UNAVAILABLE may be retried. */
  idempotent?: boolean;
  /**
   * The client `method` belongs to. While its channel is in TRANSIENT_FAILURE (the service is
   * down and grpc-js waits to reconnect), a retry waits until the channel's state changes
   * instead of meeting the same cached failure every grpc_retry_backoff.
   */
  client?: Client;
}

/** A failed gRPC call, with whether trying again later can help. */
export class GrpcCallError extends Error {
  override readonly name = 'GrpcCallError';
  constructor(
    readonly service: string,
    readonly code: status,
    readonly details: string,
    /** No connection carried the request: no server can have acted on it. */
    readonly unsent = false,
  ) {
    super(`${service}: ${status[code] ?? code}: ${details}`);
  }

  /** The other side is down, overloaded or slow: worth retrying. Anything else will fail again. */
  get transient(): boolean {
    return TRANSIENT.has(this.code) && !DETERMINISTIC.test(this.details);
  }
}

/**
 * grpc-js's own refusals of the message itself (RESOURCE_EXHAUSTED over the size limit, INTERNAL
 * when it cannot be encoded or decoded): the same message fails the same way every time.
 */
const DETERMINISTIC =
  /message larger than max|Request message serialization failure|Error deserializing request/;

const TRANSIENT = new Set<status>([
  status.UNAVAILABLE,
  status.DEADLINE_EXCEEDED,
  status.RESOURCE_EXHAUSTED,
  status.ABORTED,
  status.INTERNAL,
  status.UNKNOWN,
  status.CANCELLED,
]);

/**
 * Whether a failed attempt is tried again. Only UNAVAILABLE, and only when that cannot repeat
 * an effect: the request never left this process (no connection to the server: it is down,
 * restarting or not reachable yet), or the call is a read. A server that answered UNAVAILABLE,
 * or a connection that dropped mid-call, may have acted on a mutation (ban-service reports a
 * database failure after the statement ran, gossip-node's forwarder when ban-service did not
 * answer in time), and AddScore or Ban applied twice is a different result. DEADLINE_EXCEEDED
 * is never retried: the deadline is that of the whole call, so none is left, and a mutation
 * that timed out may have been applied.
 */
function worthRetrying(error: GrpcCallError, idempotent: boolean): boolean {
  return error.code === status.UNAVAILABLE && (error.unsent || idempotent);
}

/**
 * One unary call as a promise: a deadline of `timeoutMs` for all its attempts, `x-api-key` when
 * given, up to grpc_max_retries retries grpc_retry_backoff apart (see worthRetrying; a wait that
 * would pass the deadline is not started; with `client`, see waitBeforeRetry), and failures as
 * GrpcCallError — the last attempt's.
 */
export async function unaryCall<Req, Res>(
  service: string,
  method: UnaryMethod<Req, Res>,
  request: Req,
  settings: CallSettings,
): Promise<Res> {
  const deadline = Date.now() + settings.timeoutMs;
  for (let retries = 0; ; retries++) {
    try {
      return await attempt(service, method, request, settings.apiKey, deadline);
    } catch (error) {
      const backoffMs = settings.retry.grpc_retry_backoff;
      if (
        retries >= settings.retry.grpc_max_retries ||
        !worthRetrying(error as GrpcCallError, settings.idempotent ?? false) ||
        Date.now() + backoffMs >= deadline
      )
        throw error;
      if (!(await waitBeforeRetry(settings.client, backoffMs, deadline))) throw error;
    }
  }
}

/**
 * grpc_retry_backoff, or, while the client's channel is in TRANSIENT_FAILURE, until its state
 * changes (grpc-js's next connection attempt, or the connection). False: the deadline came
 * first, and another attempt could only fail with DEADLINE_EXCEEDED.
 */
async function waitBeforeRetry(
  client: Client | undefined,
  backoffMs: number,
  deadline: number,
): Promise<boolean> {
  const channel = client?.getChannel();
  if (channel?.getConnectivityState(false) !== connectivityState.TRANSIENT_FAILURE) {
    await sleep(backoffMs);
    return true;
  }
  return new Promise((resolve) =>
    channel.watchConnectivityState(connectivityState.TRANSIENT_FAILURE, deadline, (error) =>
      resolve(error === undefined),
    ),
  );
}

function attempt<Req, Res>(
  service: string,
  method: UnaryMethod<Req, Res>,
  request: Req,
  apiKey: string | undefined,
  deadline: number,
): Promise<Res> {
  const metadata = new Metadata();
  if (apiKey) metadata.set('x-api-key', apiKey);
  return new Promise((resolve, reject) => {
    let answered = false;
    const call = method(request, metadata, { deadline }, (error, response) => {
      if (!error) return resolve(response);
      const details = withoutEmptyParts(error.details || error.message);
      reject(new GrpcCallError(service, error.code, details, !answered && unsent(error)));
    });
    call.on('metadata', () => (answered = true));
  });
}

/**
 * grpc-js's text of a call that found no connection, without the parts it leaves empty:
 * `No connection established. Last error: null. Resolution note: ` → `No connection established`.
 */
export function withoutEmptyParts(details: string): string {
  return details
    .replace(/\. Resolution note: ?$/, '')
    .replace(/\. Last error: null$/, '')
    .replace(/Last error: Error: /, 'Last error: ');
}

/**
 * grpc-js fails a call that found no connection to the server with UNAVAILABLE "No connection
 * established" (its pick-first and round-robin pickers; grpc-client.spec.ts pins it). A server's
 * answer always carries headers (content-type at least), so a server relaying that text is not
 * mistaken for it.
 */
function unsent(error: ServiceError): boolean {
  return (
    error.code === status.UNAVAILABLE &&
    Object.keys(error.metadata.getMap()).length === 0 &&
    /No connection established/.test(error.details)
  );
}
