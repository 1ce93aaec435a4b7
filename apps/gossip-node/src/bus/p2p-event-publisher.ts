import type { BusProducer, OutgoingRecord } from '@teranode-p2p/kafka';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const BATCH_SIZE = 500;
const RETRY_DELAY_MS = 500;

/**
 * Sends P2PEvents to the bus in batches from a bounded queue, so a slow broker never stalls
 * gossip validation. A full queue drops the new event and counts it; a failed send keeps the
 * batch at the head of the queue and retries it.
 */
export class P2pEventPublisher {
  private readonly queue: OutgoingRecord[] = [];
  /** When each queued record's message was received (parallel to `queue`). */
  private readonly receivedAt: number[] = [];
  private readonly latency: Histogram;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private abandoned = false;
  private readonly published: Counter;
  private readonly dropped: Counter;
  private readonly failures: Counter;

  constructor(
    private readonly producer: BusProducer,
    private readonly topic: string,
    private readonly maxQueued: number,
    registry: Registry,
    private readonly onError: (error: Error) => void,
  ) {
    const queue = this.queue;
    new Gauge({
      name: 'gossip_node_p2p_events_queue_size',
      help: `P2PEvents waiting to be sent to the bus (bound ${maxQueued})`,
      registers: [registry],
      collect() {
        this.set(queue.length);
      },
    });
    this.latency = new Histogram({
      name: 'gossip_node_p2p_event_latency_seconds',
      help: 'From receiving a gossip message to the bus acknowledging its P2PEvent',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 5],
      registers: [registry],
    });
    this.published = new Counter({
      name: 'gossip_node_p2p_events_published_total',
      help: 'P2PEvents acknowledged by the bus',
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'gossip_node_p2p_events_dropped_total',
      help: 'P2PEvents dropped because the queue was full',
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'gossip_node_p2p_events_send_failures_total',
      help: 'Failed bus sends (the batch is retried)',
      registers: [registry],
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Queues one record; false when the queue is full and the record was dropped. */
  enqueue(record: OutgoingRecord, receivedAtMs = Date.now()): boolean {
    if (this.closed || this.queue.length >= this.maxQueued) {
      this.dropped.inc();
      return false;
    }
    this.queue.push(record);
    this.receivedAt.push(receivedAtMs);
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    return true;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, BATCH_SIZE);
      try {
        await this.producer.send(this.topic, batch);
        this.queue.splice(0, batch.length);
        const ackedAt = Date.now();
        for (const receivedAt of this.receivedAt.splice(0, batch.length))
          this.latency.observe((ackedAt - receivedAt) / 1000);
        this.published.inc(batch.length);
      } catch (error) {
        this.failures.inc();
        this.onError(error as Error);
        if (this.abandoned) return;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  /**
   * Stops accepting records, waits (at most timeoutMs) for the queued ones to be sent, then
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
