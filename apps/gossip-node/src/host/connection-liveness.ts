import type { ComponentLogger, Connection, Logger, Startable } from '@libp2p/interface';
import { AdaptiveTimeout } from '@libp2p/utils';

/** As libp2p's connection monitor: every connection is pinged this often. */
export const CONNECTION_PING_INTERVAL_MS = 10_000;

export interface ConnectionLivenessInit {
  /** Close a connection whose ping times out (`p2p_abort_connection_on_ping_failure`). */
  abortOnFailure: boolean;
  intervalMs?: number;
  /** Bounds of the adaptive ping timeout (libp2p's: 5 s to 60 s). */
  minTimeoutMs?: number;
  maxTimeoutMs?: number;
  onPing?: (result: PingResult) => void;
}

export interface PingResult {
  outcome: 'ok' | 'timeout' | 'failed';
  peer: string;
  /** Why it failed (not for 'ok'). */
  reason?: string;
  /** The connection was closed because of it. */
  closed: boolean;
}

interface LivenessComponents {
  connectionManager: { getConnections(): Connection[] };
  logger: ComponentLogger;
}

/** What this uses of @libp2p/yamux's muxer (not in libp2p's StreamMuxer interface). */
interface PingingMuxer {
  ping(): Promise<number>;
}

/** The yamux muxer of a connection (a field libp2p keeps off its public type). */
export function pingingMuxerOf(connection: Connection): PingingMuxer {
  const muxer = (connection as unknown as { muxer?: Partial<PingingMuxer> }).muxer;
  if (typeof muxer?.ping !== 'function')
    throw new Error('libp2p or @libp2p/yamux changed: the connection has no muxer with ping()');
  return muxer as PingingMuxer;
}

const TIMED_OUT = 'no yamux pong within the ping timeout';
const STILL_UNANSWERED = 'the previous yamux ping is still unanswered';

class PingTimeoutError extends Error {
  override name = 'PingTimeoutError';
}

/**
 * Replaces libp2p's connection monitor, which opens a new stream every 10 s on every
 * connection to run /ipfs/ping: a yamux stream, multistream-select and a peer-store write on
 * both ends, about 2 ms of CPU per side and ping — with ten peers a third of an otherwise
 * quiet node's CPU. This pings with yamux's own ping frame instead (one 12-byte frame each
 * way, answered inside the peer's muxer, Go's included), sets `connection.rtt` as the monitor
 * did and closes a connection whose ping times out if so configured.
 *
 * The ping is raced against the timeout rather than given an abort signal: yamux forgets an
 * aborted ping, and a pong arriving after that makes it close the whole connection.
 */
export class ConnectionLiveness implements Startable {
  private readonly log: Logger;
  private readonly timeout: AdaptiveTimeout;
  private readonly intervalMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopping = new AbortController();
  /** Connections whose yamux ping is still unanswered (a dead peer's may never be). */
  private readonly unanswered = new WeakSet<Connection>();

  constructor(
    private readonly components: LivenessComponents,
    private readonly init: ConnectionLivenessInit,
  ) {
    this.log = components.logger.forComponent('gossip-node:connection-liveness');
    this.intervalMs = init.intervalMs ?? CONNECTION_PING_INTERVAL_MS;
    this.timeout = new AdaptiveTimeout({
      ...(init.minTimeoutMs === undefined ? {} : { minTimeout: init.minTimeoutMs }),
      ...(init.maxTimeoutMs === undefined ? {} : { maxTimeout: init.maxTimeoutMs }),
    });
  }

  readonly [Symbol.toStringTag] = 'gossip-node/connection-liveness';

  start(): void {
    this.stopping = new AbortController();
    this.timer = setInterval(() => this.pingAll(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
  }

  private pingAll(): void {
    for (const connection of this.components.connectionManager.getConnections())
      if (connection.status === 'open') void this.ping(connection);
  }

  private async ping(connection: Connection): Promise<void> {
    const peer = connection.remotePeer.toString();
    let muxer: PingingMuxer;
    try {
      muxer = pingingMuxerOf(connection);
    } catch (error) {
      // Not the peer's fault: never close a connection for it.
      this.init.onPing?.({
        outcome: 'failed',
        peer,
        reason: (error as Error).message,
        closed: false,
      });
      return;
    }
    if (this.unanswered.has(connection)) {
      // Waiting on the same pong again would stack one more handler on it every interval.
      this.failed(connection, peer, 'timeout', new PingTimeoutError(STILL_UNANSWERED));
      return;
    }
    const signal = this.timeout.getTimeoutSignal({ signal: this.stopping.signal });
    this.unanswered.add(connection);
    const answered = muxer.ping().finally(() => this.unanswered.delete(connection));
    try {
      connection.rtt = await raceAbort(answered, signal);
      this.init.onPing?.({ outcome: 'ok', peer, closed: false });
    } catch (error) {
      if (this.stopping.signal.aborted || connection.status !== 'open') return;
      const outcome = error instanceof PingTimeoutError ? 'timeout' : 'failed';
      this.failed(connection, peer, outcome, error as Error);
    } finally {
      this.timeout.cleanUp(signal);
    }
  }

  private failed(
    connection: Connection,
    peer: string,
    outcome: 'timeout' | 'failed',
    error: Error,
  ) {
    const closed = this.init.abortOnFailure;
    this.log('ping of %s: %s (%s)', peer, outcome, error.message);
    this.init.onPing?.({ outcome, peer, reason: error.message, closed });
    if (closed) connection.abort(error);
  }
}

/** Settles with `pending`, or rejects with a PingTimeoutError once `signal` aborts. */
function raceAbort<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  pending.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new PingTimeoutError(TIMED_OUT));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new PingTimeoutError(TIMED_OUT));
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A libp2p service entry: `services: { liveness: connectionLiveness({ … }) }`. */
export function connectionLiveness(
  init: ConnectionLivenessInit,
): (components: LivenessComponents) => ConnectionLiveness {
  return (components) => new ConnectionLiveness(components, init);
}
