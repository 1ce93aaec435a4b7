import { Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import type { PingResult } from './connection-liveness.js';

/** Counts the connection pings by outcome and logs each failed one. */
export class ConnectionPingReport {
  private readonly log = new Logger('GossipNode');
  private readonly pings: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.pings = new Counter({
      name: 'gossip_node_connection_pings_total',
      help: 'Liveness pings of open connections (yamux ping every 10 s) by outcome (ok, timeout, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  readonly record = (result: PingResult): void => {
    this.pings.inc({ outcome: result.outcome });
    if (result.outcome === 'ok') return;
    this.log.warn(
      `ping of peer ${result.peer} ${result.outcome === 'timeout' ? 'timed out' : 'failed'} (${result.reason ?? ''}); ${result.closed ? 'connection closed' : 'connection kept (p2p_abort_connection_on_ping_failure=false)'}`,
    );
  };
}
