import { collectedGauge } from '@teranode-p2p/service-runtime';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Fine enough below 10 ms to tell where a millisecond goes. */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 5,
];

/** The P2PEvent publisher's metrics; the queue gauges read its size when scraped. */
export class P2pEventPublisherMetrics {
  readonly latency: Histogram;
  /** The part of the latency spent waiting in the queue for a send to start. */
  readonly queueWait: Histogram;
  /** How long one send to the bus takes, from its start to the acknowledgement. */
  readonly sendTime: Histogram;
  readonly published: Counter;
  readonly dropped: Counter<'reason'>;
  readonly failures: Counter;
  readonly requests: Counter;

  constructor(
    registry: Registry,
    bounds: { maxQueued: number; maxQueuedBytes: number },
    queue: () => { events: number; bytes: number },
  ) {
    collectedGauge(registry, () => queue().events, {
      name: 'gossip_node_p2p_events_queue_size',
      help: `P2PEvents waiting to be sent to the bus (bound ${bounds.maxQueued})`,
    });
    collectedGauge(registry, () => queue().bytes, {
      name: 'gossip_node_p2p_events_queue_bytes',
      help: `Bytes of the P2PEvents waiting to be sent to the bus (bound ${bounds.maxQueuedBytes})`,
    });
    this.latency = new Histogram({
      name: 'gossip_node_p2p_event_latency_seconds',
      help: 'From receiving a gossip message to the bus acknowledging its P2PEvent',
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.queueWait = new Histogram({
      name: 'gossip_node_p2p_event_queue_wait_seconds',
      help: 'From receiving a gossip message to the start of the send that carries its P2PEvent',
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.sendTime = new Histogram({
      name: 'gossip_node_p2p_event_send_seconds',
      help: 'One send of queued P2PEvents to the bus, from its start to the acknowledgement',
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.published = new Counter({
      name: 'gossip_node_p2p_events_published_total',
      help: 'P2PEvents acknowledged by the bus',
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'gossip_node_p2p_events_dropped_total',
      help: 'P2PEvents dropped, by reason: queue_full, queue_bytes_full, closed (the node is stopping), too_large or invalid_record (refused by the bus)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'gossip_node_p2p_events_send_failures_total',
      help: 'Sends to the bus whose outcome is unknown (the events are sent again)',
      registers: [registry],
    });
    this.requests = new Counter({
      name: 'gossip_node_p2p_events_produce_requests_total',
      help: 'Produce requests the P2PEvents took (a batch is split into requests the topic takes)',
      registers: [registry],
    });
  }
}
