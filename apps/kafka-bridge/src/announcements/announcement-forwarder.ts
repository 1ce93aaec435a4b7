import type { LoggerService } from '@nestjs/common';
import type { DeadLetter, kafkamessage } from '@teranode-p2p/contracts';
import type {
  BatchHandler,
  BusProducer,
  IncomingRecord,
  OutgoingRecord,
  RecordBatch,
  Topic,
} from '@teranode-p2p/kafka';
import { BadRecordError, translateP2PEvent } from '@teranode-p2p/kafka-translation';
import type { BridgeMetrics } from '../bridge-metrics.js';
import { reasonOf, type DeadLetters } from '../delivery/dead-letters.js';
import { recoveryEntry, type RetrySchedule } from '../delivery/retry-schedule.js';
import type { AnnouncerMemory } from './announcer-memory.js';

export interface AnnouncementForwarderDeps {
  producer: BusProducer;
  topics: {
    blocks: Topic<kafkamessage.KafkaBlockTopicMessage>;
    subtrees: Topic<kafkamessage.KafkaSubtreeTopicMessage>;
  };
  memory: AnnouncerMemory;
  deadLetters: DeadLetters;
  retries: RetrySchedule;
  metrics: BridgeMetrics;
  logger: LoggerService;
}

/**
 * `p2p.events` → Teranode's `blocks` and `subtrees`, a fetched batch at a time: every record
 * is translated, the results are produced together (and acknowledged) before the batch is
 * marked handled. A record that is not a usable P2PEvent, or whose translation the topic
 * refuses (too large), goes to the dead-letter topic in the same step. When producing fails
 * otherwise, the whole batch is tried again later (at-least-once).
 */
export function announcementForwarder(deps: AnnouncementForwarderDeps): BatchHandler {
  return async (batch: RecordBatch) => {
    const blocks: Translated[] = [];
    const subtrees: Translated[] = [];
    const letters: DeadLetter[] = [];
    const checkedPeers = new Set<string>();
    let notForwarded = 0;
    for (const record of batch.records) {
      try {
        const result = translateP2PEvent(record.value, checkedPeers);
        if (result.kind === 'announcement') {
          const { announcement } = result;
          deps.memory.rememberAnnouncement(announcement);
          const [topic, outgoing] =
            announcement.kind === 'block'
              ? [deps.topics.blocks, blocks]
              : [deps.topics.subtrees, subtrees];
          outgoing.push({ source: record, record: topic.record(announcement.message) });
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
    let refused = 0;
    let lost: number;
    try {
      for (const [topic, outgoing] of [
        [deps.topics.blocks.name, blocks],
        [deps.topics.subtrees.name, subtrees],
      ] as const) {
        for (const source of await refusedSources(deps.producer, topic, outgoing)) {
          letters.push(deps.deadLetters.letter(source.record, source.reason));
          refused++;
        }
      }
      lost = await deps.deadLetters.send(letters);
    } catch (error) {
      const first = batch.records[0]!;
      const delayMs = deps.retries.delay(deps.retries.failed(first, reasonOf(error)));
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
    const recovery = deps.retries.succeeded(batch);
    if (recovery) deps.logger.log(recoveryEntry(batch, recovery));
    deps.metrics.count(batch.topic, 'forwarded', blocks.length + subtrees.length - refused);
    deps.metrics.count(batch.topic, 'not_forwarded', notForwarded);
    deps.metrics.count(batch.topic, 'dead_lettered', letters.length - lost);
    deps.metrics.count(batch.topic, 'dropped', lost);
    if (lost > 0) {
      deps.logger.error({
        msg: `${lost} records dropped: ${deps.deadLetters.topic} refused their letters even without values`,
        topic: batch.topic,
        partition: batch.partition,
      });
    }
  };
}

/** A Teranode record and the p2p.events record it was translated from. */
interface Translated {
  source: IncomingRecord;
  record: OutgoingRecord;
}

/** Produces the translations; returns the sources of those the topic refused, and why. */
async function refusedSources(
  producer: BusProducer,
  topic: string,
  outgoing: Translated[],
): Promise<{ record: IncomingRecord; reason: string }[]> {
  if (outgoing.length === 0) return [];
  const { refused } = await producer.send(
    topic,
    outgoing.map((t) => t.record),
  );
  return refused.map((refusal) => ({
    record: outgoing[refusal.index]!.source,
    reason: `${topic} refused its translation (${refusal.reason}): ${refusal.detail}`,
  }));
}
