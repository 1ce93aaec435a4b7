import { Logger, Module } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { p2pEventsTopic } from '@teranode-p2p/contracts';
import { Topic, type ServiceBus } from '@teranode-p2p/kafka';
import { METRICS_REGISTRY, SERVICE_BUS, SETTINGS } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { BansModule } from '../bans/bans.module.js';
import { ScoreReporter } from '../bans/score-reporter.js';
import { HostModule, LIBP2P_HOST, type Libp2pHost } from '../host/host.module.js';
import { P2pEventPublisher } from './p2p-event-publisher.js';

/** Most P2PEvents waiting for the bus: about 10 s of a busy network. */
export const P2P_EVENT_QUEUE_MAX = 50_000;
/** Most bytes of P2PEvents waiting for the bus: 50,000 events of 2.5 KiB, or 128 of 1 MiB. */
export const P2P_EVENT_QUEUE_MAX_BYTES = 128 * 1_048_576;

const log = new Logger('GossipNode');

/**
 * The node's P2PEvent publisher. A failed send is logged (it is tried again); an event the bus
 * refuses is dropped and logged naming the peer and message, and a peer whose message made an
 * event too large for the topic is scored: no Teranode message comes near Kafka's limit, so it
 * was sent to choke the pipeline.
 */
async function openP2pEvents(
  settings: Settings,
  bus: ServiceBus,
  registry: Registry,
  host: Libp2pHost,
  scores: ScoreReporter,
): Promise<P2pEventPublisher> {
  const { name: topic, spec } = Topic.of(p2pEventsTopic, settings);
  await bus.ensureTopics([spec]);
  const producer = await bus.createProducer({
    onReplaced: (error) =>
      log.warn(`Kafka producer replaced after a failed send: ${error.message}`),
  });
  const self = host.peerId.toString();
  return new P2pEventPublisher(
    producer,
    {
      topic,
      maxQueued: P2P_EVENT_QUEUE_MAX,
      maxQueuedBytes: P2P_EVENT_QUEUE_MAX_BYTES,
      stallAfterMs: settings.kafka_stall_timeout,
    },
    registry,
    {
      onSendFailed: (error, retryInMs) =>
        log.warn(
          `sending P2PEvents to ${topic} failed, trying again in ${retryInMs} ms: ${error.message}`,
        ),
      onRecovered: (recovery) =>
        log.log(
          `sending P2PEvents to ${topic} works again (after ${recovery.waitedMs} ms and ${recovery.failedAttempts} failed attempts)`,
        ),
      onRefused: (refusal, origin) => {
        const from = origin ? `message ${origin.messageId} from ${origin.peerId}` : 'an event';
        log.warn(
          `dropped ${from}: ${topic} refused its P2PEvent (${refusal.reason}): ${refusal.detail}`,
        );
        if (origin && origin.peerId !== self && refusal.reason === 'too_large')
          scores.report(origin.peerId, 'protocol_violation');
      },
    },
  );
}

/** The P2PEvents to the bus; what is queued is sent once the host and its inputs have stopped. */
@Module({
  imports: [HostModule, BansModule],
  providers: [
    {
      provide: P2pEventPublisher,
      inject: [SETTINGS, SERVICE_BUS, METRICS_REGISTRY, LIBP2P_HOST, ScoreReporter],
      useFactory: openP2pEvents,
    },
  ],
  exports: [P2pEventPublisher],
})
export class P2pEventsModule {
  constructor(private readonly events: P2pEventPublisher) {}

  onApplicationShutdown(): Promise<void> {
    return this.events.close();
  }
}
