import type { Metrics, MultiaddrConnection, Stream } from '@libp2p/interface';
import { coalesceSocketWrites } from './socket-write-coalescing.js';

/** Bytes and times of one connection, as they cross the raw TCP socket (before pnet/noise). */
export interface Traffic {
  bytesSent: number;
  bytesReceived: number;
  /** Unix milliseconds; 0 until the first byte. */
  lastSendAt: number;
  lastRecvAt: number;
}

const byteLength = (data: { byteLength: number }) => data.byteLength;

/** A metric object that takes every call and keeps nothing. */
const IGNORED: Record<string, () => void> = new Proxy(
  {},
  { get: (_target, name) => (name === 'then' ? undefined : () => undefined) },
);

/**
 * libp2p's metrics component, used for one thing: counting each connection's bytes for
 * PeerService.GetPeers (libp2p keeps no per-connection counters of its own). The metrics
 * libp2p and its services register are ignored; the service's own Prometheus metrics cover
 * what operators watch. Entries live as long as their connection (a WeakMap keyed by the
 * connection's timeline object, which libp2p shares between the raw and the upgraded
 * connection).
 */
export class ConnectionTraffic implements Metrics {
  private readonly traffic = new WeakMap<object, Traffic>();

  /** The counters of a connection (its `timeline`), zero if it was never tracked. */
  of(connection: { timeline: object }): Traffic {
    return (
      this.traffic.get(connection.timeline) ?? {
        bytesSent: 0,
        bytesReceived: 0,
        lastSendAt: 0,
        lastRecvAt: 0,
      }
    );
  }

  trackMultiaddrConnection(maConn: MultiaddrConnection): void {
    const traffic: Traffic = { bytesSent: 0, bytesReceived: 0, lastSendAt: 0, lastRecvAt: 0 };
    this.traffic.set(maConn.timeline, traffic);
    maConn.addEventListener('message', (event) => {
      traffic.bytesReceived += byteLength(event.data);
      traffic.lastRecvAt = Date.now();
    });
    const send = maConn.send.bind(maConn);
    maConn.send = (data) => {
      traffic.bytesSent += byteLength(data);
      traffic.lastSendAt = Date.now();
      return send(data);
    };
    // The one hook libp2p gives into every raw connection; see socket-write-coalescing.ts.
    coalesceSocketWrites(maConn as { socket?: unknown });
  }

  trackProtocolStream(_stream: Stream): void {}

  registerMetric = this.ignored;
  registerMetricGroup = this.ignored;
  registerCounter = this.ignored;
  registerCounterGroup = this.ignored;
  registerHistogram = this.ignored;
  registerHistogramGroup = this.ignored;
  registerSummary = this.ignored;
  registerSummaryGroup = this.ignored;

  createTrace(): undefined {
    return undefined;
  }

  traceFunction<F>(_name: string, fn: F): F {
    return fn;
  }

  private ignored(): never {
    return IGNORED as never;
  }
}
