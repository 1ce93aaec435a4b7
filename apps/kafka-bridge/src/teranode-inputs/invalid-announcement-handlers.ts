import type { LoggerService } from '@nestjs/common';
import type { IncomingRecord } from '@teranode-p2p/kafka';
import { decodeInvalidBlock, decodeInvalidSubtree } from '@teranode-p2p/kafka-translation';
import type { AnnouncerMemory } from '../announcements/announcer-memory.js';
import type { RecordOutcome } from '../bridge-metrics.js';
import type { BanScorer } from '../grpc/ban-scorer.js';
import type { SyncState } from '../grpc/sync-state.js';

/**
 * `invalid-blocks` / `invalid-subtrees` → ban score for the peer that announced the hash
 * (reference §7.3). An unknown hash is logged and counted, not an error.
 */
export class InvalidAnnouncementHandlers {
  constructor(
    private readonly memory: AnnouncerMemory,
    private readonly scorer: BanScorer,
    private readonly sync: SyncState,
    private readonly logger: LoggerService,
  ) {}

  async invalidBlock(record: IncomingRecord): Promise<RecordOutcome> {
    const report = decodeInvalidBlock(record.value);
    if (await this.sync.isSyncing()) return 'skipped_syncing';
    const peer = this.memory.peerForBlock(report.hash);
    if (peer === undefined) return this.unknown('block', report.hash, record);
    await this.scorer.addScore(peer, 'invalid_block');
    this.memory.forget('block', report.hash);
    this.logger.log({ msg: 'invalid block charged to its announcer', hash: report.hash, peer });
    return 'scored';
  }

  async invalidSubtree(record: IncomingRecord): Promise<RecordOutcome> {
    const report = decodeInvalidSubtree(record.value);
    if (await this.sync.isSyncing()) return 'skipped_syncing';
    const peer = this.memory.peerForSubtree(report.hash, report.peerUrl);
    if (peer === undefined) return this.unknown('subtree', report.hash, record);
    await this.scorer.addScore(peer, 'invalid_subtree');
    this.memory.forget('subtree', report.hash);
    this.logger.log({ msg: 'invalid subtree charged to its announcer', hash: report.hash, peer });
    return 'scored';
  }

  private unknown(kind: string, hash: string, record: IncomingRecord): RecordOutcome {
    this.logger.warn({
      msg: `no announcer known for invalid ${kind} ${hash}: no score added`,
      topic: record.topic,
      offset: record.offset,
    });
    return 'unknown_hash';
  }
}
