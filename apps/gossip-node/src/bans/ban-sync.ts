import type { ServiceError } from '@grpc/grpc-js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatHostPort, type Settings } from '@teranode-p2p/config';
import { recordFromEntry } from '@teranode-p2p/ban-rules';
import {
  ban_service,
  banEventsTopic,
  p2p_events,
  RecordDecodeError,
} from '@teranode-p2p/contracts';
import { Topic, type BusConsumer, type MessageBus } from '@teranode-p2p/kafka';
import {
  collectedGauge,
  grpcClientCredentials,
  InjectBus,
  InjectMetrics,
  InjectSettings,
  type GrpcTlsSettings,
} from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { BanGate } from './ban-gate.js';

const LOAD_RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
/** How long start waits for the first list, so the node opens its port with bans in place. */
const FIRST_LOAD_WAIT_MS = 3000;

/**
 * Keeps the node's ban copy current: every BanEvent from the bus (each node reads them all,
 * in its own consumer group), and the full list from ban-service at start, before the node
 * listens (start waits for the first answer, at most FIRST_LOAD_WAIT_MS) — retried in the
 * background while ban-service is unreachable. A new ban closes matching connections at once.
 */
@Injectable()
export class BanSync {
  private consumer: BusConsumer | undefined;
  private readonly client: ban_service.BanServiceClient;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly badRecords: Counter;
  private readonly log = new Logger('GossipNode');

  constructor(
    @InjectSettings()
    private readonly settings: Pick<
      Settings,
      'ban_service_grpc_address' | 'KAFKA_BAN_EVENTS' | 'clientName' | 'kafka_stall_timeout'
    > &
      GrpcTlsSettings,
    @Inject(BanGate) private readonly gate: BanGate,
    @InjectHost() private readonly host: Libp2pHost,
    @InjectBus() private readonly bus: MessageBus,
    @InjectMetrics() registry: Registry,
  ) {
    collectedGauge(registry, () => gate.bans.size, {
      name: 'gossip_node_bans',
      help: "Entries in this node's copy of the ban set (bound p2p_ban_max_entries)",
    });
    this.badRecords = new Counter({
      name: 'gossip_node_bad_ban_records_total',
      help: 'Ban events or entries that could not be applied',
      registers: [registry],
    });
    this.client = new ban_service.BanServiceClient(
      formatHostPort(settings.ban_service_grpc_address),
      grpcClientCredentials(settings),
    );
  }

  async onModuleInit(): Promise<void> {
    const banEvents = Topic.of(banEventsTopic, this.settings);
    await this.bus.ensureTopics([banEvents.spec]);
    this.consumer = this.bus.createConsumer({
      groupId: `${this.settings.clientName}-gossip-node-bans-${this.host.peerId.toString()}`,
      topics: [banEvents.name],
      // A new group replays the topic: no event is lost between joining and the list load,
      // and replaying in order ends in the current state.
      fromBeginning: true,
      stallAfterMs: this.settings.kafka_stall_timeout,
      handler: async (record) => this.onRecord(record.value, record.offset),
    });
    await this.consumer.start();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.load(0),
      new Promise((resolve) => (timer = setTimeout(resolve, FIRST_LOAD_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.consumer?.stop();
    this.client.close();
  }

  private onRecord(value: Buffer | null, offset: string): void {
    let event: p2p_events.BanEvent;
    try {
      event = banEventsTopic.decode(value);
    } catch (error) {
      if (!(error instanceof RecordDecodeError)) throw error;
      this.badRecords.inc();
      this.log.warn(`skipping ban event at offset ${offset}: ${error.message}`);
      return;
    }
    const outcome = this.gate.apply(event);
    if (outcome.applied === 'added') this.closeBannedConnections();
    if (outcome.applied === false) {
      this.badRecords.inc();
      this.log.warn(`skipping ban event at offset ${offset}: ${outcome.why}: ${outcome.detail}`);
    }
  }

  /** Closes every open connection whose peer or address is banned now. */
  closeBannedConnections(): void {
    for (const connection of this.host.getConnections()) {
      if (
        this.gate.isPeerBanned(connection.remotePeer.toString()) ||
        this.gate.isAddressBanned(connection.remoteAddr)
      ) {
        this.log.log(
          `closing connection to banned ${connection.remotePeer.toString()} at ${connection.remoteAddr.toString()}`,
        );
        connection.abort(new Error('peer is banned'));
      }
    }
  }

  private load(attempt: number): Promise<void> {
    return new Promise((resolve) => {
      this.client.list(
        { kind: p2p_events.BanKind.BAN_KIND_UNSPECIFIED },
        (error: ServiceError | null, response) => {
          if (this.stopped) return resolve();
          if (error) {
            const delay = LOAD_RETRY_MS[Math.min(attempt, LOAD_RETRY_MS.length - 1)]!;
            this.log.warn(
              `loading bans from ban-service at ${formatHostPort(this.settings.ban_service_grpc_address)} failed (${error.details}); retrying in ${delay} ms`,
            );
            this.retryTimer = setTimeout(() => void this.load(attempt + 1), delay);
            return resolve();
          }
          let loaded = 0;
          for (const entry of response.entries) {
            const record = recordFromEntry(entry);
            try {
              if (record && this.gate.put(record)) loaded++;
            } catch (failure) {
              this.log.warn(
                `skipping ban entry "${entry.value}" from ban-service: ${(failure as Error).message}`,
              );
            }
          }
          this.log.log(`loaded ${loaded} bans from ban-service`);
          this.closeBannedConnections();
          resolve();
        },
      );
    });
  }
}
