import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { BatchHandler, BusConsumer, BusProducer, ServiceBus } from '@teranode-p2p/kafka';
import { formatHostPort, type Settings } from '@teranode-p2p/config';
import {
  grpcClientCredentials,
  grpcReachableCheck,
  InjectBus,
  InjectMetrics,
  InjectSettings,
  messageBusCheck,
  ReadinessRegistry,
  stallError,
} from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { announcementForwarder } from './announcements/announcement-forwarder.js';
import { AnnouncerMemory } from './announcements/announcer-memory.js';
import { BridgeMetrics } from './bridge-metrics.js';
import { bridgeTopics } from './bridge-topics.js';
import { DeadLetters } from './delivery/dead-letters.js';
import { recordByRecord } from './delivery/record-by-record.js';
import { RetrySchedule } from './delivery/retry-schedule.js';
import { BanScorer } from './grpc/ban-scorer.js';
import { BridgeClients } from './grpc/bridge-clients.js';
import { RejectedTxPublisher } from './grpc/rejected-tx-publisher.js';
import { SyncState } from './grpc/sync-state.js';
import { InvalidAnnouncementHandlers } from './teranode-inputs/invalid-announcement-handlers.js';
import { RejectedTxHandler } from './teranode-inputs/rejected-tx-handler.js';

/** A partition waiting for a retry is fetched again within this time of its backoff ending. */
const FETCH_MAX_WAIT_MS = 500;

/**
 * Runs the bridge: one consumer (group `kafka_bridge_group_id`) on p2p.events, rejectedtx,
 * invalid-blocks and invalid-subtrees, one idempotent producer for blocks, subtrees and the
 * dead-letter topic, and gRPC clients of ban-service, gossip-node and the blockchain service.
 */
@Injectable()
export class KafkaBridgeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KafkaBridge');
  private readonly retries: RetrySchedule;
  private readonly metrics: BridgeMetrics;
  readonly memory: AnnouncerMemory;
  private producer?: BusProducer;
  private consumer?: BusConsumer;
  private clients?: BridgeClients;
  private sweepTimer?: NodeJS.Timeout;
  private readonly probes: { name: string; close(): void }[] = [];

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectMetrics() registry: Registry,
    @InjectBus() private readonly bus: ServiceBus,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.retries = new RetrySchedule({
      initialMs: settings.kafka_bridge_retry_backoff,
      maxMs: settings.kafka_bridge_retry_max_backoff,
    });
    this.metrics = new BridgeMetrics(registry, () => this.retries.pending);
    this.memory = new AnnouncerMemory(
      { maxSize: settings.p2p_peer_map_max_size, ttlMs: settings.p2p_peer_map_ttl },
      registry,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const s = this.settings;
    const topics = bridgeTopics(s);
    this.readiness.register('kafka', messageBusCheck(this.bus));
    // The blockchain service is left out: without it the bridge carries on (not syncing).
    for (const [name, address] of [
      ['ban-service', s.ban_service_grpc_address],
      ['gossip-node', s.p2p_grpc_address],
    ] as const) {
      const check = grpcReachableCheck(formatHostPort(address), grpcClientCredentials(s));
      this.readiness.register(name, check);
      this.probes.push({ name, close: () => check.close() });
    }
    this.readiness.register('consumer-progress', async () => this.progress());
    await this.bus.ensureTopics(Object.values(topics).map((topic) => topic.spec));
    this.producer = await this.bus.createProducer({
      onReplaced: (error) =>
        this.logger.warn(`Kafka producer replaced after a failed send: ${error.message}`),
    });
    this.clients = new BridgeClients(s);
    const call = { timeoutMs: s.kafka_bridge_grpc_timeout, apiKey: s.grpc_admin_api_key, retry: s };
    const sync = new SyncState(this.clients.blockchain, call, this.logger, () =>
      this.metrics.fsmStateFailures.inc(),
    );
    const deadLetters = new DeadLetters(this.producer, topics.deadLetters, 'kafka-bridge');
    const delivery = {
      deadLetters,
      retries: this.retries,
      metrics: this.metrics,
      logger: this.logger,
      maxAttempts: s.kafka_bridge_retry_attempts,
    };
    const invalid = new InvalidAnnouncementHandlers(
      this.memory,
      new BanScorer(this.clients.banService, call),
      sync,
      this.logger,
    );
    const rejected = new RejectedTxHandler(
      new RejectedTxPublisher(this.clients.gossipNode, call),
      sync,
      s.listen_mode !== 'full',
    );
    const handlers = new Map<string, BatchHandler>([
      [
        topics.p2pEvents.name,
        announcementForwarder({
          ...delivery,
          producer: this.producer,
          topics,
          memory: this.memory,
        }),
      ],
      [topics.invalidBlocks.name, recordByRecord((r) => invalid.invalidBlock(r), delivery)],
      [topics.invalidSubtrees.name, recordByRecord((r) => invalid.invalidSubtree(r), delivery)],
      [topics.rejectedTx.name, recordByRecord((r) => rejected.handle(r), delivery)],
    ]);
    this.consumer = this.bus.createConsumer({
      groupId: s.kafka_bridge_group_id,
      topics: [...handlers.keys()],
      fromBeginning: true,
      partitionsConcurrently: s.kafka_bridge_partitions_concurrently,
      maxWaitMs: FETCH_MAX_WAIT_MS,
      stallAfterMs: s.kafka_stall_timeout,
      batchHandler: (batch) => handlers.get(batch.topic)!(batch),
    });
    await this.consumer.start();
    this.sweepTimer = setInterval(() => this.memory.sweep(), s.p2p_peer_map_cleanup_interval);
    this.sweepTimer.unref();
    this.logger.log({
      msg: 'kafka-bridge consuming',
      group: s.kafka_bridge_group_id,
      consumes: [...handlers.keys()],
      produces: [topics.blocks.name, topics.subtrees.name, topics.deadLetters.name],
    });
  }

  /** Fails when a partition's first unhandled record has been failing for kafka_stall_timeout. */
  private progress(): Record<string, unknown> {
    const stuck = this.retries.stuckLongest();
    const state = { partitionsRetrying: this.retries.pending, longest: stuck ?? null };
    if (stuck && stuck.stalledMs > this.settings.kafka_stall_timeout)
      throw stallError(`partition ${stuck.partition}`, { ...stuck, ...state });
    return state;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.readiness.unregister('kafka');
    this.readiness.unregister('consumer-progress');
    for (const probe of this.probes) {
      this.readiness.unregister(probe.name);
      probe.close();
    }
    await this.consumer?.stop();
    await this.producer?.disconnect();
    this.clients?.close();
    // The bus itself is closed by MessageBusModule, which knows whether it is ours to close.
  }
}
