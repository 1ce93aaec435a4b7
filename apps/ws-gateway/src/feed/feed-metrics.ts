import { Injectable } from '@nestjs/common';
import { collectedGauge, InjectMetrics } from '@teranode-p2p/service-runtime';
import { Counter, Histogram, type Registry } from 'prom-client';
import { FeedHub } from './feed-hub.js';
import { OUR_NODES_MAX } from './node-status-greeting.js';

/** The feed's Prometheus metrics; sizes and totals are read from the hub at scrape time. */
@Injectable()
export class FeedMetrics {
  private readonly refusedUpgrades: Counter<'reason'>;

  constructor(@InjectMetrics() registry: Registry, hub: FeedHub) {
    const registers = [registry];
    collectedGauge(registry, () => hub.clients, {
      name: 'ws_gateway_clients',
      help: 'Connected WebSocket clients (bounded by ws_max_clients).',
    });
    collectedGauge(registry, () => hub.closing, {
      name: 'ws_gateway_closing_clients',
      help: 'Dropped clients whose sockets are still closing; they count against ws_max_clients with the connected ones.',
    });
    collectedGauge(registry, () => hub.queued().messages, {
      name: 'ws_gateway_queued_messages',
      help: 'Notifications waiting in all client send queues (each bounded by ws_client_queue_max_messages).',
    });
    collectedGauge(registry, () => hub.queued().bytes, {
      name: 'ws_gateway_queued_bytes',
      help: 'Bytes waiting in all client send queues (each bounded by ws_client_queue_max_bytes).',
    });
    collectedGauge(registry, () => hub.nodeStatuses.stats().nodes, {
      name: 'ws_gateway_node_statuses',
      help: 'Nodes whose latest node_status is kept for new clients (bounded by ws_node_status_max_nodes).',
    });
    collectedGauge(registry, () => hub.nodeStatuses.stats().ourNodes, {
      name: 'ws_gateway_our_nodes',
      help: `Gossip nodes of ours seen receiving events, whose node_status greets new clients first (bound ${OUR_NODES_MAX}).`,
    });
    new Counter({
      name: 'ws_gateway_node_statuses_evicted_total',
      help: 'Nodes forgotten because ws_node_status_max_nodes was reached.',
      registers,
      collect() {
        this.reset();
        this.inc(hub.nodeStatuses.stats().evicted);
      },
    });
    new Counter({
      name: 'ws_gateway_deliveries_total',
      help: 'Notifications handed to client sockets (one per notification per client).',
      registers,
      collect() {
        this.reset();
        this.inc(hub.delivered);
      },
    });
    new Counter({
      name: 'ws_gateway_clients_dropped_total',
      help: 'Clients disconnected by the gateway: slow (queue full), dead (no pong), binary_frame, protocol_error.',
      labelNames: ['reason'],
      registers,
      collect() {
        this.reset();
        for (const [reason, count] of Object.entries(hub.dropped)) this.inc({ reason }, count);
      },
    });
    // Buckets around the 200 ms delivery-latency target for 10,000 clients.
    const fanout = new Histogram({
      name: 'ws_gateway_fanout_seconds',
      help: 'Time to write one batch of notifications to every client (one event-loop turn).',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1],
      registers,
    });
    hub.observeFlushes((seconds) => fanout.observe(seconds));
    this.refusedUpgrades = new Counter({
      name: 'ws_gateway_upgrades_refused_total',
      help: 'Upgrade requests answered with an HTTP error, by reason.',
      labelNames: ['reason'],
      registers,
    });
  }

  upgradeRefused(reason: string): void {
    this.refusedUpgrades.inc({ reason });
  }
}
