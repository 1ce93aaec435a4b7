import type { PeerRecord } from './peer-record.js';
import { withReputation } from './reputation.js';

/** Weight of a new response-time sample in the running average. */
const NEW_SAMPLE_WEIGHT = 0.2;

/** Teranode's UpdatePeerMetrics / UpdateMetrics arguments. */
export interface MetricsUpdate {
  /** 0 or left out = no change. */
  readonly height?: number;
  readonly bytesSentDelta?: number;
  readonly bytesReceivedDelta?: number;
  readonly recordSuccess?: boolean;
  readonly recordFailure?: boolean;
  readonly recordMalicious?: boolean;
  /** Blended in on a success; 0 or left out = not measured. */
  readonly responseTimeMs?: number;
}

export type InteractionOutcome = 'malicious' | 'success' | 'failure';

/** Only the first flag set counts, in the order malicious, success, failure. */
export function outcomeOf(update: MetricsUpdate): InteractionOutcome | undefined {
  if (update.recordMalicious) return 'malicious';
  if (update.recordSuccess) return 'success';
  if (update.recordFailure) return 'failure';
  return undefined;
}

/** The running average after a sample: the first sample as it is, then 0.8 × old + 0.2 × new. */
export function blendResponseTime(averageMs: number, sampleMs: number): number {
  if (sampleMs <= 0) return averageMs;
  if (averageMs === 0) return sampleMs;
  return Math.trunc(averageMs * (1 - NEW_SAMPLE_WEIGHT) + sampleMs * NEW_SAMPLE_WEIGHT);
}

function withSuccess(record: PeerRecord, responseTimeMs: number, nowMs: number): PeerRecord {
  return {
    ...record,
    interactionAttempts: record.interactionAttempts + 1,
    interactionSuccesses: record.interactionSuccesses + 1,
    lastInteractionAttemptMs: nowMs,
    lastInteractionSuccessMs: nowMs,
    avgResponseTimeMs: blendResponseTime(record.avgResponseTimeMs, responseTimeMs),
  };
}

/** A malicious interaction is also an attempt and a failure. */
function withFailure(record: PeerRecord, malicious: boolean, nowMs: number): PeerRecord {
  return {
    ...record,
    interactionAttempts: record.interactionAttempts + 1,
    interactionFailures: record.interactionFailures + 1,
    maliciousCount: record.maliciousCount + (malicious ? 1 : 0),
    lastInteractionAttemptMs: nowMs,
    lastInteractionFailureMs: nowMs,
  };
}

function withOutcome(
  record: PeerRecord,
  outcome: InteractionOutcome | undefined,
  responseTimeMs: number,
  nowMs: number,
): PeerRecord {
  switch (outcome) {
    case 'malicious':
      return withFailure(record, true, nowMs);
    case 'failure':
      return withFailure(record, false, nowMs);
    case 'success':
      return withSuccess(record, responseTimeMs, nowMs);
    case undefined:
      return record;
  }
}

/**
 * UpdateMetrics: height (when > 0), byte deltas, LastSeen, at most one outcome (see
 * `outcomeOf`), then the reputation recomputed, as Teranode does even with no outcome.
 */
export function updateMetrics(
  record: PeerRecord,
  update: MetricsUpdate,
  nowMs: number,
): PeerRecord {
  const height = update.height ?? 0;
  const counted: PeerRecord = {
    ...record,
    height: height > 0 ? height : record.height,
    bytesSent: record.bytesSent + (update.bytesSentDelta ?? 0),
    bytesReceived: record.bytesReceived + (update.bytesReceivedDelta ?? 0),
    lastSeenMs: nowMs,
  };
  return withReputation(
    withOutcome(counted, outcomeOf(update), update.responseTimeMs ?? 0, nowMs),
    nowMs,
  );
}

/** A received item that validated: a timed success that also bumps LastSeen. */
function withReceivedItem(record: PeerRecord, responseTimeMs: number, nowMs: number): PeerRecord {
  return withReputation(
    { ...withSuccess(record, responseTimeMs, nowMs), lastSeenMs: nowMs },
    nowMs,
  );
}

/** RecordBlockReceived (ReportValidBlock): a success, +1 block, LastBlockTime. */
export function recordBlockReceived(
  record: PeerRecord,
  responseTimeMs: number,
  nowMs: number,
): PeerRecord {
  const counted = { ...record, blocksReceived: record.blocksReceived + 1, lastBlockTimeMs: nowMs };
  return withReceivedItem(counted, responseTimeMs, nowMs);
}

/** RecordSubtreeReceived (ReportValidSubtree): a success, +1 subtree. */
export function recordSubtreeReceived(
  record: PeerRecord,
  responseTimeMs: number,
  nowMs: number,
): PeerRecord {
  const counted = { ...record, subtreesReceived: record.subtreesReceived + 1 };
  return withReceivedItem(counted, responseTimeMs, nowMs);
}

/**
 * RecordTransactionReceived: +1 transaction and +1 success but, as in Teranode, no attempt and
 * no response time (transactions are broadcast, not requested).
 */
export function recordTransactionReceived(record: PeerRecord, nowMs: number): PeerRecord {
  return withReputation(
    {
      ...record,
      transactionsReceived: record.transactionsReceived + 1,
      interactionSuccesses: record.interactionSuccesses + 1,
      lastInteractionSuccessMs: nowMs,
      lastSeenMs: nowMs,
    },
    nowMs,
  );
}
