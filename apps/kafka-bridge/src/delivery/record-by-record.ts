import type { LoggerService } from '@nestjs/common';
import type { BatchHandler, IncomingRecord } from '@teranode-p2p/kafka';
import { BadRecordError } from '@teranode-p2p/kafka-translation';
import { GrpcCallError } from '@teranode-p2p/service-runtime';
import type { BridgeMetrics, RecordOutcome } from '../bridge-metrics.js';
import { reasonOf, type DeadLetters } from './dead-letters.js';
import { recoveryEntry, type RetrySchedule } from './retry-schedule.js';

export interface RecordByRecordDeps {
  deadLetters: DeadLetters;
  retries: RetrySchedule;
  metrics: BridgeMetrics;
  logger: LoggerService;
  maxAttempts: number;
}

/**
 * A batch handler that handles records one at a time, in order, marking each handled as soon
 * as it is. A transient failure puts the partition back for a later attempt (the other
 * partitions keep flowing); a bad record, a permanent failure or the last failed attempt
 * sends the record to the dead-letter topic and moves on.
 */
export function recordByRecord(
  handle: (record: IncomingRecord) => Promise<RecordOutcome>,
  deps: RecordByRecordDeps,
): BatchHandler {
  return async (batch) => {
    for (const record of batch.records) {
      if (!batch.isRunning()) {
        throw new Error('consumer stopping: the unhandled records are fetched again');
      }
      let outcome: RecordOutcome;
      try {
        outcome = await handle(record);
      } catch (error) {
        const attempts = isTransient(error) ? deps.retries.failed(record, reasonOf(error)) : 0;
        if (attempts > 0 && attempts < deps.maxAttempts) {
          const delayMs = deps.retries.delay(attempts);
          deps.metrics.retries.inc({ topic: record.topic, cause: 'grpc' });
          deps.logger.warn({
            msg: `${reasonOf(error)}: trying again in ${delayMs} ms`,
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            attempt: attempts,
          });
          batch.retryLater(delayMs);
          return;
        }
        const reason =
          attempts > 0 ? `gave up after ${attempts} attempts: ${reasonOf(error)}` : reasonOf(error);
        if (!(error instanceof BadRecordError) && !(error instanceof GrpcCallError)) {
          deps.logger.error({ msg: `unexpected failure: ${reason}`, err: error });
        }
        let lost: number;
        try {
          lost = await deps.deadLetters.send([deps.deadLetters.letter(record, reason)]);
        } catch (dlqError) {
          const why = `dead-letter topic unreachable: ${reasonOf(dlqError)}`;
          deps.metrics.retries.inc({ topic: record.topic, cause: 'dead_letter_produce' });
          deps.logger.warn({ msg: why });
          batch.retryLater(deps.retries.delay(deps.retries.failed(record, why)));
          return;
        }
        outcome = lost > 0 ? 'dropped' : 'dead_lettered';
        deps.logger[lost > 0 ? 'error' : 'warn']({
          msg:
            lost > 0
              ? `record dropped: ${deps.deadLetters.topic} refused its letter: ${reason}`
              : `record sent to ${deps.deadLetters.topic}: ${reason}`,
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
        });
      }
      const recovery = deps.retries.succeeded(record);
      if (recovery) deps.logger.log(recoveryEntry(record, recovery));
      deps.metrics.count(record.topic, outcome);
      batch.resolveOffset(record.offset);
      await batch.heartbeat();
    }
  };
}

function isTransient(error: unknown): boolean {
  return error instanceof GrpcCallError && error.transient;
}
