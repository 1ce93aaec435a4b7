import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { gossipTopicPrefix, type Settings } from '@teranode-p2p/config';
import { handshakeMessageCodec, PeerRegistry, type NodeStatusMessage } from '@teranode-p2p/gossip';
import { p2pEventsTopic } from '@teranode-p2p/contracts';
import { Topic, type MessageBus, type ServiceBus } from '@teranode-p2p/kafka';
import { Counter, Gauge, type Registry } from 'prom-client';
import { BanGate } from '../bans/ban-gate.js';
import { BanSync } from '../bans/ban-sync.js';
import { ScoreReporter } from '../bans/score-reporter.js';
import { P2pEventPublisher } from '../bus/p2p-event-publisher.js';
import { p2pEventHooks } from '../bus/p2p-event-hooks.js';
import { BlockchainListener, type PeerFailure } from '../chain/blockchain-listener.js';
import { GossipMetrics } from '../gossip/gossip-metrics.js';
import { joinedTopicKinds, topicOf } from '../gossip/gossip-topics.js';
import { InboundGossip, type AcceptedMessage } from '../gossip/inbound-gossip.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import { toP2pEventRecord } from '../gossip/to-p2p-event.js';
import { TopicRendezvous } from '../discovery/topic-rendezvous.js';
import { ConnectionTraffic } from '../host/connection-traffic.js';
import { createLibp2pHost, type Libp2pHost } from '../host/create-libp2p-host.js';
import { isRoutedKey, routeEd25519Verification } from '../host/ed25519-verification-route.js';
import { SignatureVerifierPool } from '../host/signature-verifier-pool.js';
import { Handshake } from '../handshake/handshake.js';
import { resolveNodeKey } from '../identity/resolve-node-key.js';
import { ConnectionTrimmer } from '../peers/connection-trimmer.js';
import { StaticPeerDialer } from '../peers/static-peer-dialer.js';
import type { NodeLog } from './node-log.js';
import { NodeStatusAnnouncer } from './node-status-announcer.js';
import {
  NO_CHAIN,
  NODE_VERSION,
  ownNodeStatus,
  type ChainView,
  type SyncPeerView,
} from './own-status.js';
import { ownStatusToBus } from './own-status-event.js';

/** Most peers the registry remembers; the least recently heard are dropped beyond this. */
export const PEER_REGISTRY_MAX = 10_000;
/** Most P2PEvents waiting for the bus: about 10 s of a busy network. */
export const P2P_EVENT_QUEUE_MAX = 50_000;
/** Most bytes of P2PEvents waiting for the bus: 50,000 events of 2.5 KiB, or 128 of 1 MiB. */
export const P2P_EVENT_QUEUE_MAX_BYTES = 128 * 1_048_576;
/** Most signature checks waiting for a worker: about a second of a busy network. */
export const SIGNATURE_QUEUE_MAX = 4096;
/** Most signed bytes waiting for a worker (copies of messages gossipsub holds anyway). */
export const SIGNATURE_QUEUE_MAX_BYTES = 64 * 1_048_576;
/** Public keys each signature thread keeps imported: far more authors than a network has. */
export const SIGNATURE_KEY_CACHE_MAX = 4096;

interface NodeParts {
  readonly host: Libp2pHost;
  readonly traffic: ConnectionTraffic;
  readonly peers: PeerRegistry;
  readonly publisher: GossipPublisher;
  readonly gate: BanGate;
  readonly inbound: InboundGossip;
  readonly events: P2pEventPublisher;
  readonly bus: MessageBus;
  readonly dialer: StaticPeerDialer;
  readonly banSync: BanSync;
  readonly scores: ScoreReporter;
  readonly rendezvous: TopicRendezvous;
  readonly handshake: Handshake | undefined;
  readonly trimmer: ConnectionTrimmer;
  readonly signatures: SignatureVerifierPool | undefined;
  readonly unrouteSignatures: () => void;
  /** Told of every accepted gossip message, after it is queued for the bus. */
  readonly acceptedListeners: Set<(message: AcceptedMessage) => void>;
}

function nodeGauges(registry: Registry, host: Libp2pHost, gate: BanGate): Counter {
  new Gauge({
    name: 'gossip_node_connected_peers',
    help: 'Peers with at least one open connection',
    registers: [registry],
    collect() {
      this.set(host.getPeers().length);
    },
  });
  new Gauge({
    name: 'gossip_node_bans',
    help: "Entries in this node's copy of the ban set (bound p2p_ban_max_entries)",
    registers: [registry],
    collect() {
      this.set(gate.bans.size);
    },
  });
  return new Counter({
    name: 'gossip_node_bad_ban_records_total',
    help: 'Ban events or entries that could not be applied',
    registers: [registry],
  });
}

/** Bootstrap peers that are not kept connected are dialled once at start. */
function dialOnce(host: Libp2pHost, addresses: readonly string[], log: NodeLog): void {
  for (const address of addresses) {
    host
      .dial(multiaddr(address))
      .catch((error: Error) =>
        log.warn(`dialling bootstrap peer ${address} failed: ${error.message}`),
      );
  }
}

/**
 * The running peer: libp2p host, gossip in and out, peer registry, bans, static peers, and the
 * bus that receives every accepted message.
 */
export class GossipNode {
  /** The node's view of its chain, fed by the blockchain service when one is attached. */
  chain: ChainView = NO_CHAIN;
  /** The sync coordinator's current peer, for node_status; set by the coordinator. */
  syncPeer: Omit<SyncPeerView, 'connected'> | undefined;
  private readonly startedAtMs = Date.now();
  private announcer: NodeStatusAnnouncer | undefined;
  private chainListener: BlockchainListener | undefined;
  /** Told of every PeerFailure notification of the blockchain service. */
  readonly peerFailureListeners = new Set<(failure: PeerFailure) => void>();

  private constructor(
    private readonly settings: Settings,
    private readonly parts: NodeParts,
  ) {}

  get host(): Libp2pHost {
    return this.parts.host;
  }
  get peers(): PeerRegistry {
    return this.parts.peers;
  }
  get traffic(): ConnectionTraffic {
    return this.parts.traffic;
  }
  get publisher(): GossipPublisher {
    return this.parts.publisher;
  }
  get scores(): ScoreReporter {
    return this.parts.scores;
  }
  get bus(): MessageBus {
    return this.parts.bus;
  }
  get gate(): BanGate {
    return this.parts.gate;
  }
  get events(): P2pEventPublisher {
    return this.parts.events;
  }
  /** Calls `listener` with every accepted gossip message until the returned function is called. */
  onAccepted(listener: (message: AcceptedMessage) => void): () => void {
    this.parts.acceptedListeners.add(listener);
    return () => this.parts.acceptedListeners.delete(listener);
  }

  get peerId(): string {
    return this.parts.host.peerId.toString();
  }

  status(): NodeStatusMessage {
    const connected = this.parts.host.getPeers();
    const sync = this.syncPeer;
    return ownNodeStatus(this.settings, this.peerId, this.startedAtMs, this.chain, {
      connectedPeers: connected.length,
      syncPeer: sync && {
        ...sync,
        connected: connected.some((peer) => peer.toString() === sync.peerId),
      },
    });
  }

  /** `bus` is the service's (MessageBusModule), which closes it after the node has stopped. */
  static async start(
    settings: Settings,
    registry: Registry,
    log: NodeLog,
    bus: ServiceBus,
  ): Promise<GossipNode> {
    const { key, source } = await resolveNodeKey(settings);
    const gate = new BanGate(settings.p2p_ban_max_entries);
    const traffic = new ConnectionTraffic();
    const host = await createLibp2pHost(settings, key, gate.connectionGater(), traffic);
    const self = host.peerId.toString();
    const peers = new PeerRegistry(PEER_REGISTRY_MAX);
    const metrics = new GossipMetrics(registry, peers);
    const badBanRecords = nodeGauges(registry, host, gate);

    const p2pEvents = Topic.of(p2pEventsTopic, settings);
    await bus.ensureTopics([p2pEvents.spec]);
    const scores = new ScoreReporter(settings, registry, log);
    const events = new P2pEventPublisher(
      await bus.createProducer({
        onReplaced: (error) =>
          log.warn(`Kafka producer replaced after a failed send: ${error.message}`),
      }),
      {
        topic: p2pEvents.name,
        maxQueued: P2P_EVENT_QUEUE_MAX,
        maxQueuedBytes: P2P_EVENT_QUEUE_MAX_BYTES,
        stallAfterMs: settings.kafka_stall_timeout,
      },
      registry,
      p2pEventHooks(p2pEvents.name, self, scores, log),
    );
    const acceptedListeners = new Set<(message: AcceptedMessage) => void>();
    const onAccepted = (message: AcceptedMessage) => {
      const record = toP2pEventRecord(message.gossip, {
        senderPeerId: message.author,
        receiverPeerId: self,
        topic: message.topic,
        receivedAtMs: message.receivedAtMs,
      });
      if (record)
        events.enqueue(record, message.receivedAtMs, {
          peerId: message.author,
          messageId: message.messageId,
        });
      if (message.gossip.kind === 'handshake')
        handshake?.receive(message.gossip.message, peerIdFromString(message.author));
      for (const listener of acceptedListeners) listener(message);
    };
    const inbound = new InboundGossip(
      host,
      joinedTopicKinds(settings),
      {
        envelope: settings.p2p_message_envelope,
        maxBytes: settings.p2p_max_message_size,
        blacklistedBaseUrls: settings.subtreevalidation_blacklisted_baseurls,
        allowPrivateIps: settings.p2p_allow_private_ips,
      },
      peers,
      metrics,
      {
        isBanned: (peerId) => gate.isPeerBanned(peerId),
        onProtocolViolation: (peerId, reason, detail) => {
          log.debug(`protocol violation by ${peerId} (${reason}): ${detail}`);
          scores.report(peerId, 'protocol_violation');
        },
        onAccepted,
      },
    );
    const publisher = new GossipPublisher(
      host,
      {
        envelope: settings.p2p_message_envelope,
        name: settings.clientName,
        maxBytes: settings.p2p_max_message_size,
        silent: settings.listen_mode === 'silent',
      },
      (kind) => topicOf(settings, kind),
      metrics,
    );
    const dialer = new StaticPeerDialer(
      host,
      [
        ...settings.p2p_static_peers,
        ...(settings.p2p_bootstrap_persistent ? settings.p2p_bootstrap_addresses : []),
      ],
      (address, error, retryInMs) =>
        log.warn(
          `dialling static peer ${address} failed (${error.message}); retrying in ${retryInMs} ms`,
        ),
    );
    const banSync = new BanSync(settings, gate, host, bus, badBanRecords, log);

    const trimmer = new ConnectionTrimmer(
      host,
      settings.p2p_conn_low_water,
      settings.p2p_conn_high_water,
      peers,
      () => dialer.peerIds(),
      log,
    );
    let chain: ChainView = NO_CHAIN;
    const topicPrefix = gossipTopicPrefix(settings.network);
    const handshake = settings.p2p_handshake_enabled
      ? new Handshake(
          host,
          topicPrefix,
          topicOf(settings, 'handshake'),
          (type) =>
            handshakeMessageCodec.create({
              type,
              peerId: self,
              bestHeight: chain.bestHeight,
              bestHash: chain.bestBlockHash,
              dataHubUrl:
                settings.listen_mode === 'full'
                  ? (settings.asset_httpPublicAddress ?? settings.asset_httpAddress)
                  : '',
              userAgent: `teranode-p2p/v${NODE_VERSION}`,
              topicPrefix,
            }),
          publisher,
          peers,
          log,
        )
      : undefined;
    const rendezvous = new TopicRendezvous(
      host,
      [...joinedTopicKinds(settings).keys()],
      settings.p2p_min_peers,
      log,
    );

    const signatures =
      settings.gossip_node_signature_workers > 0
        ? new SignatureVerifierPool(
            {
              workers: settings.gossip_node_signature_workers,
              maxPending: SIGNATURE_QUEUE_MAX,
              maxPendingBytes: SIGNATURE_QUEUE_MAX_BYTES,
              keyCacheSize: SIGNATURE_KEY_CACHE_MAX,
              onWorkerFailure: (error) =>
                log.warn(`a signature worker failed and is replaced: ${error.message}`),
            },
            registry,
          )
        : undefined;
    const unrouteSignatures = signatures ? routeEd25519Verification(signatures) : () => {};
    if (signatures && host.peerId.publicKey && !isRoutedKey(host.peerId.publicKey))
      log.warn(
        'signature checks stay on the event loop: libp2p peer IDs use another copy of @libp2p/crypto than gossip-node (deduplicate node_modules)',
      );

    // The ban list first, so that no banned peer gets in while it loads.
    await banSync.start();
    await host.start();
    inbound.start();
    await handshake?.start();
    dialer.start();
    trimmer.start();
    if (!settings.p2p_bootstrap_persistent) dialOnce(host, settings.p2p_bootstrap_addresses, log);
    rendezvous.start();
    log.log(
      `libp2p host started: peer ${self} (key from ${source}) listening on ${host
        .getMultiaddrs()
        .map(String)
        .join(', ')}`,
    );
    const node = new GossipNode(settings, {
      host,
      traffic,
      peers,
      publisher,
      gate,
      inbound,
      events,
      bus,
      dialer,
      banSync,
      scores,
      rendezvous,
      handshake,
      trimmer,
      signatures,
      unrouteSignatures,
      acceptedListeners,
    });
    if (settings.p2p_node_status_enabled) {
      const toBus = ownStatusToBus(events, self);
      node.announcer = new NodeStatusAnnouncer(publisher, () => node.status(), toBus, log);
      node.announcer.start();
    }
    node.chainListener = new BlockchainListener(
      settings,
      self,
      publisher,
      {
        onChain: (view) => (node.chain = chain = view),
        onOwnBlockAnnounced: () => void node.announcer?.announce(),
        onPeerFailure: (failure) => {
          for (const listener of node.peerFailureListeners) listener(failure);
        },
      },
      log,
    );
    node.chainListener.start();
    return node;
  }

  async stop(): Promise<void> {
    const { dialer, inbound, host, banSync, events, scores, rendezvous, handshake } = this.parts;
    const { signatures, unrouteSignatures } = this.parts;
    rendezvous.stop();
    await handshake?.stop();
    this.announcer?.stop();
    this.chainListener?.stop();
    dialer.stop();
    inbound.stop();
    await banSync.stop();
    await host.stop();
    unrouteSignatures();
    await signatures?.close();
    await events.close();
    scores.close();
  }
}
