import { collectedGauge } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';

/** What became of one consumed record. */
export type RecordOutcome =
  | 'forwarded'
  | 'scored'
  | 'published'
  | 'not_forwarded'
  | 'unknown_hash'
  | 'skipped_syncing'
  | 'skipped_external'
  | 'skipped_listen_only'
  | 'dead_lettered'
  /** Neither handled nor dead-lettered: the dead-letter topic refused even its bare letter. */
  | 'dropped';

/** kafka-bridge's own metrics, on the service's registry. */
export class BridgeMetrics {
  readonly records: Counter<'topic' | 'outcome'>;
  readonly retries: Counter<'topic' | 'cause'>;
  readonly fsmStateFailures: Counter;

  constructor(
    readonly registry: Registry,
    pendingRetries: () => number,
  ) {
    const registers = [registry];
    this.records = new Counter({
      name: 'kafka_bridge_records_total',
      help: 'Consumed records by topic and what became of them.',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.retries = new Counter({
      name: 'kafka_bridge_retries_total',
      help: 'Records (or batches) put back for a later attempt after a transient failure.',
      labelNames: ['topic', 'cause'],
      registers,
    });
    this.fsmStateFailures = new Counter({
      name: 'kafka_bridge_fsm_state_failures_total',
      help: 'Blockchain FSM state queries that failed (the node then counts as not syncing).',
      registers,
    });
    collectedGauge(registry, pendingRetries, {
      name: 'kafka_bridge_pending_retries',
      help: 'Partitions waiting for a retry of their first unhandled record.',
    });
  }

  count(topic: string, outcome: RecordOutcome, n = 1): void {
    if (n > 0) this.records.inc({ topic, outcome }, n);
  }
}
