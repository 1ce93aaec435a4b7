import { Injectable } from '@nestjs/common';
import { applyBanEvent, BanSet, type BanRecord } from '@teranode-p2p/ban-rules';
import type { p2p_events } from '@teranode-p2p/contracts';
import { InjectMetrics } from '@teranode-p2p/service-runtime';
import { Gauge, type Registry } from 'prom-client';
import { Subject } from 'rxjs';

/**
 * This replica's in-memory copy of the active bans: what IsBanned, Check and List answer
 * from. It changes only through committed BanEvents (its own and other replicas', in commit
 * order) or a full reload from Postgres.
 */
@Injectable()
export class BanState {
  readonly set = new BanSet();
  /** Every applied change, for WatchBans. */
  readonly changes = new Subject<p2p_events.BanEvent>();

  constructor(@InjectMetrics() registry: Registry) {
    const set = this.set;
    new Gauge({
      name: 'ban_table_entries',
      help: 'Bans held in memory (active and not yet swept), by kind',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.set({ kind: 'address' }, set.addressCount);
        this.set({ kind: 'peer' }, set.peerCount);
      },
    });
  }

  apply(event: p2p_events.BanEvent): void {
    if (applyBanEvent(this.set, event).applied !== false) this.changes.next(event);
  }

  replaceAll(records: BanRecord[]): void {
    this.set.clear();
    for (const record of records) this.set.put(record);
  }
}
