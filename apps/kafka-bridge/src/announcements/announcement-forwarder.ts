import type { LoggerService } from '@nestjs/common';
import type { BatchHandler, BusProducer, OutgoingRecord, RecordBatch } from '@teranode-p2p/kafka';
import { BadRecordError, translateP2PEvent } from '@teranode-p2p/kafka-translation';
import type { BridgeMetrics } from '../bridge-metrics.js';
import { reasonOf, type DeadLetters } from '../delivery/dead-letters.js';
import type { RetrySchedule } from '../delivery/retry-schedule.js';
import type { AnnouncerMemory } from './announcer-memory.js';

export interface AnnouncementForwarderDeps {
  producer: BusProducer;
  topics: { blocks: string; subtrees: string };
  memory: AnnouncerMemory;
  deadLetters: DeadLetters;
  retries: RetrySchedule;
  metrics: BridgeMetrics;
  logger: LoggerService;
}

/**
 * `p2p.events` → Teranode's `blocks` and `subtrees`, a fetched batch at a time: every record
 * is translated, the results are produced together (and acknowledged) before the batch is
 * marked handled. A record that is not a usable P2PEvent goes to the dead-letter topic in the
 * same step. When producing fails, the whole batch is tried again later (at-least-once).
 */
export function announcementForwarder(deps: AnnouncementForwarderDeps): BatchHandler {
  return async (batch: RecordBatch) => {
    const blocks: OutgoingRecord[] = [];
    const subtrees: OutgoingRecord[] = [];
    const letters: OutgoingRecord[] = [];
    const checkedPeers = new Set<string>();
    let notForwarded = 0;
    for (const record of batch.records) {
      try {
        const result = translateP2PEvent(record.value, checkedPeers);
        if (result.kind === 'announcement') {
          const { announcement } = result;
          deps.memory.rememberAnnouncement(announcement);
          (announcement.kind === 'block' ? blocks : subtrees).push({
            key: announcement.key,
            value: announcement.value,
          });
        } else {
          if (result.kind === 'peer-url') deps.memory.rememberUrl(result.url, result.peerId);
          notForwarded++;
        }
      } catch (error) {
        if (!(error instanceof BadRecordError)) throw error;
        letters.push(deps.deadLetters.letter(record, error.message));
        deps.logger.warn({
          msg: `record sent to ${deps.deadLetters.topic}: ${error.message}`,
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
        });
      }
    }
    try {
      if (blocks.length > 0) await deps.producer.send(deps.topics.blocks, blocks);
      if (subtrees.length > 0) await deps.producer.send(deps.topics.subtrees, subtrees);
      await deps.deadLetters.send(letters);
    } catch (error) {
      const first = batch.records[0]!;
      const delayMs = deps.retries.delay(deps.retries.failed(first));
      deps.metrics.retries.inc({ topic: batch.topic, cause: 'produce' });
      deps.logger.warn({
        msg: `producing ${blocks.length + subtrees.length + letters.length} records failed: ${reasonOf(error)}; batch tried again in ${delayMs} ms`,
        topic: batch.topic,
        partition: batch.partition,
        offset: first.offset,
      });
      batch.retryLater(delayMs);
      return;
    }
    deps.retries.succeeded(batch);
    deps.metrics.count(batch.topic, 'forwarded', blocks.length + subtrees.length);
    deps.metrics.count(batch.topic, 'not_forwarded', notForwarded);
    deps.metrics.count(batch.topic, 'dead_lettered', letters.length);
  };
}
