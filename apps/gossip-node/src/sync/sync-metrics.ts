import { collectedGauge } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { DATAHUB_PROBE_CACHE_MAX } from './datahub-probe.js';

/** What set a coordinator step off. */
export type SyncCause =
  'monitor' | 'evaluation' | 'catchup-failure' | 'disconnect' | 'reselect' | 'operator';

/** The sync coordinator's metrics. */
export class SyncMetrics {
  readonly changes: Counter<'cause'>;
  readonly triggers: Counter<'outcome'>;
  readonly selections: Counter<'outcome'>;

  constructor(registry: Registry, probeCacheSize: () => number) {
    this.changes = new Counter({
      name: 'gossip_node_sync_peer_changes_total',
      help: 'Sync peer changes, by what caused them (monitor, evaluation, catchup-failure, disconnect, reselect, operator)',
      labelNames: ['cause'],
      registers: [registry],
    });
    this.triggers = new Counter({
      name: 'gossip_node_sync_triggers_total',
      help: 'Catch-up triggers for the blocks topic, by outcome (sent, failed, no_block_hash)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.selections = new Counter({
      name: 'gossip_node_sync_selections_total',
      help: 'Sync peer selections, by outcome (full, pruned, forced, forced-peer-missing, none)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    collectedGauge(registry, probeCacheSize, {
      name: 'gossip_node_datahub_probe_cache_size',
      help: `DataHub probe results kept (bound ${DATAHUB_PROBE_CACHE_MAX})`,
    });
  }
}
