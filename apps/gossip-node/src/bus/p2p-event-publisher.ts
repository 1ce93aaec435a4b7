import {
  recordBytes,
  retryDelay,
  type BusProducer,
  type OutgoingRecord,
  type RefusedRecord,
} from '@teranode-p2p/kafka';
import { ProgressWatch, type ProgressRecovery } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { P2pEventPublisherMetrics } from './p2p-event-publisher-metrics.js';

/** Most events handed to the producer at once (it splits them into requests the topic takes). */
const BATCH_SIZE = 500;
const RETRY_DELAYS = { initialMs: 100, maxMs: 5000 };

/** Where a queued event came from, to name it when it cannot be sent. */
export interface EventOrigin {
  peerId: string;
  messageId: string;
}

export interface P2pEventPublisherOptions {
  topic: string;
  maxQueued: number;
  maxQueuedBytes: number;
  /** Queued events that do not move for this long make readiness fail. */
  stallAfterMs: number;
}

export interface P2pEventPublisherHooks {
  /** A send failed with an unknown outcome; the same events are sent again after retryInMs. */
  onSendFailed(error: Error, retryInMs: number): void;
  /** The bus refused an event for good (larger than the topic takes, invalid): it is dropped. */
  onRefused(refusal: RefusedRecord, origin: EventOrigin | undefined): void;
  /** Events move again after failed sends or a stall readiness reported. */
  onRecovered(recovery: ProgressRecovery): void;
}

interface QueuedEvent {
  record: OutgoingRecord;
  receivedAtMs: number;
  bytes: number;
  origin: EventOrigin | undefined;
  /** Whether a send has carried it (its queue wait is then measured). */
  sentOnce?: boolean;
}

/**
 * Sends P2PEvents to the bus from a queue bounded in events and bytes, so a slow broker never
 * stalls gossip validation and no single event can stall the queue: the producer splits what
 * it is given into requests the topic takes, an event the bus refuses for good is dropped
 * (counted, and reported through onRefused), and only sends whose outcome is unknown are tried
 * again, with backoff. A full queue drops the new event and counts it.
 */
export class P2pEventPublisher {
  private readonly queue: QueuedEvent[] = [];
  private queuedBytes = 0;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private abandoned = false;
  private readonly metrics: P2pEventPublisherMetrics;
  readonly progress: ProgressWatch;

  constructor(
    private readonly producer: BusProducer,
    private readonly options: P2pEventPublisherOptions,
    registry: Registry,
    private readonly hooks: P2pEventPublisherHooks,
  ) {
    this.metrics = new P2pEventPublisherMetrics(registry, options, () => ({
      events: this.queue.length,
      bytes: this.queuedBytes,
    }));
    this.progress = new ProgressWatch(
      `P2PEvents to ${options.topic}`,
      options.stallAfterMs,
      () => ({
        queued: this.queue.length,
        queuedBytes: this.queuedBytes,
      }),
    );
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Queues one event; false when it was dropped (queue full, or closing). */
  enqueue(record: OutgoingRecord, receivedAtMs = Date.now(), origin?: EventOrigin): boolean {
    const bytes = recordBytes(record);
    const full = this.closed
      ? 'closed'
      : this.queue.length >= this.options.maxQueued
        ? 'queue_full'
        : this.queuedBytes + bytes > this.options.maxQueuedBytes
          ? 'queue_bytes_full'
          : undefined;
    if (full) {
      this.metrics.dropped.inc({ reason: full });
      return false;
    }
    this.queue.push({ record, receivedAtMs, bytes, origin });
    this.queuedBytes += bytes;
    this.progress.waiting();
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    return true;
  }

  private async flush(): Promise<void> {
    let failures = 0;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, BATCH_SIZE);
      const startedAt = Date.now();
      for (const event of batch) {
        if (event.sentOnce) continue;
        event.sentOnce = true;
        this.metrics.queueWait.observe((startedAt - event.receivedAtMs) / 1000);
      }
      let refused: RefusedRecord[];
      try {
        const result = await this.producer.send(
          this.options.topic,
          batch.map((event) => event.record),
        );
        refused = result.refused;
        this.metrics.requests.inc(result.requests);
        this.metrics.sendTime.observe((Date.now() - startedAt) / 1000);
      } catch (error) {
        failures++;
        const retryInMs = retryDelay(failures, RETRY_DELAYS);
        this.metrics.failures.inc();
        this.progress.failed(error as Error);
        this.hooks.onSendFailed(error as Error, retryInMs);
        if (this.abandoned) return;
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
        continue;
      }
      failures = 0;
      this.queue.splice(0, batch.length);
      this.settle(batch, refused);
      const recovery = this.progress.progressed(this.queue.length > 0);
      if (recovery) this.hooks.onRecovered(recovery);
    }
  }

  /** Accounts for a sent batch: latency and count of the acknowledged, drops of the refused. */
  private settle(batch: QueuedEvent[], refused: RefusedRecord[]): void {
    const ackedAt = Date.now();
    const refusedAt = new Set(refused.map((refusal) => refusal.index));
    for (const [index, event] of batch.entries()) {
      this.queuedBytes -= event.bytes;
      if (!refusedAt.has(index))
        this.metrics.latency.observe((ackedAt - event.receivedAtMs) / 1000);
    }
    this.metrics.published.inc(batch.length - refused.length);
    for (const refusal of refused) {
      this.metrics.dropped.inc({ reason: refusal.reason });
      this.hooks.onRefused(refusal, batch[refusal.index]!.origin);
    }
  }

  /**
   * Stops accepting events, waits (at most timeoutMs) for the queued ones to be sent, then
   * disconnects its producer.
   */
  async close(timeoutMs = 5000): Promise<void> {
    this.closed = true;
    if (this.flushing) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.flushing,
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
      this.abandoned = true;
    }
    await this.producer.disconnect().catch(() => undefined);
  }
}
