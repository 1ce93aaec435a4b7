import type { IncomingRecord } from '@teranode-p2p/kafka';
import { decodeRejectedTx } from '@teranode-p2p/kafka-translation';
import type { RecordOutcome } from '../bridge-metrics.js';
import type { RejectedTxPublisher } from '../grpc/rejected-tx-publisher.js';
import type { SyncState } from '../grpc/sync-state.js';

/**
 * `rejectedtx` → gossip: a transaction this node rejected (empty peer_id) is published on the
 * rejected-tx topic by gossip-node; one rejected by another peer is not re-broadcast
 * (reference §7.3).
 */
export class RejectedTxHandler {
  constructor(
    private readonly publisher: RejectedTxPublisher,
    private readonly sync: SyncState,
    private readonly listenOnly: boolean,
  ) {}

  async handle(record: IncomingRecord): Promise<RecordOutcome> {
    const rejected = decodeRejectedTx(record.value);
    if (rejected.peerId !== '') return 'skipped_external';
    if (this.listenOnly) return 'skipped_listen_only';
    if (await this.sync.isSyncing()) return 'skipped_syncing';
    await this.publisher.publish(rejected.txHash, rejected.reason);
    return 'published';
  }
}
