import type { Connection, PeerId, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { gossipTopicPrefix, type Settings, advertisedDataHubUrl } from '@teranode-p2p/config';
import { handshakeMessageCodec, PeerRegistry, type HandshakeMessage } from '@teranode-p2p/gossip';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { BlockchainListener } from '../chain/blockchain-listener.js';
import { topicOf } from '../gossip/gossip-topics.js';
import { InboundGossip } from '../gossip/inbound-gossip.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { readToEnd } from '../host/stream-reads.js';
import { NODE_VERSION } from '../node/own-status.js';

/** go-p2p's stream protocol (reference-wire.md §5.2; no leading slash there either). */
export const HANDSHAKE_PROTOCOL = 'teranode/bitcoin/1.0.0';
/** A handshake is a few hundred bytes; anything far larger is not one. */
export const MAX_HANDSHAKE_BYTES = 16_384;
const STREAM_TIMEOUT_MS = 5000;

/**
 * The legacy version/verack handshake: on every new connection send `version` over a direct
 * stream (one JSON message per stream, write then close), falling back to the handshake topic;
 * answer a `version` with `verack`; ignore other networks' topicPrefix and our own peer ID;
 * record the peer's height, best hash, user agent and DataHub URL. With p2p_handshake_enabled,
 * from before the host listens until before it stops.
 */
@Injectable()
export class Handshake {
  private readonly topicPrefix: string;
  private readonly topic: string;
  private readonly log = new Logger('GossipNode');
  private unsubscribe = (): void => {};

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(BlockchainListener) private readonly chain: BlockchainListener,
    @Inject(GossipPublisher) private readonly publisher: GossipPublisher,
    @Inject(PeerRegistry) private readonly peers: PeerRegistry,
    @Inject(InboundGossip) private readonly inbound: InboundGossip,
  ) {
    this.topicPrefix = gossipTopicPrefix(settings.network);
    this.topic = topicOf(settings, 'handshake');
  }

  async onModuleInit(): Promise<void> {
    if (!this.settings.p2p_handshake_enabled) return;
    this.unsubscribe = this.inbound.onAccepted((message) => {
      if (message.gossip.kind === 'handshake')
        this.receive(message.gossip.message, peerIdFromString(message.author));
    });
    await this.host.handle(HANDSHAKE_PROTOCOL, (stream, connection) =>
      this.onStream(stream, connection),
    );
    this.host.addEventListener('peer:connect', this.onConnect);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.settings.p2p_handshake_enabled) return;
    this.unsubscribe();
    this.host.removeEventListener('peer:connect', this.onConnect);
    await this.host.unhandle(HANDSHAKE_PROTOCOL);
  }

  private ownMessage(type: 'version' | 'verack'): HandshakeMessage {
    const { settings, chain } = this;
    return handshakeMessageCodec.create({
      type,
      peerId: this.host.peerId.toString(),
      bestHeight: chain.view.bestHeight,
      bestHash: chain.view.bestBlockHash,
      dataHubUrl: settings.listen_mode === 'full' ? advertisedDataHubUrl(settings) : '',
      userAgent: `teranode-p2p/v${NODE_VERSION}`,
      topicPrefix: this.topicPrefix,
    });
  }

  /** A handshake from a stream or from the topic (then `from` is the pubsub author). */
  receive(message: HandshakeMessage, from: PeerId): void {
    if (message.topicPrefix !== this.topicPrefix || from.equals(this.host.peerId)) return;
    this.peers.update(from.toString(), {
      height: message.bestHeight,
      blockHash: message.bestHash || undefined,
      userAgent: message.userAgent || undefined,
      dataHubUrl: message.dataHubUrl || undefined,
      lastMessageAt: Date.now(),
    });
    if (message.type === 'version') void this.send(from, 'verack');
  }

  private readonly onConnect = (event: CustomEvent<PeerId>): void => {
    void this.send(event.detail, 'version');
  };

  private async send(peer: PeerId, type: 'version' | 'verack'): Promise<void> {
    const message = this.ownMessage(type);
    try {
      const stream = await this.host.dialProtocol(peer, HANDSHAKE_PROTOCOL, {
        signal: AbortSignal.timeout(STREAM_TIMEOUT_MS),
      });
      stream.send(handshakeMessageCodec.encode(message));
      await stream.close({ signal: AbortSignal.timeout(STREAM_TIMEOUT_MS) });
    } catch (error) {
      this.log.debug(
        `${type} stream to ${peer.toString()} failed (${(error as Error).message}); using the topic`,
      );
      await this.peerOnTopic(peer);
      await this.publisher
        .publish({ kind: 'handshake', message })
        .catch((failure: Error) => this.log.warn(`publishing ${type} failed: ${failure.message}`));
    }
  }

  /** Waits (at most STREAM_TIMEOUT_MS) until the peer has told us it joined the handshake topic. */
  private async peerOnTopic(peer: PeerId): Promise<void> {
    const until = Date.now() + STREAM_TIMEOUT_MS;
    const pubsub = this.host.services.pubsub;
    while (!pubsub.getSubscribers(this.topic).some((p) => p.equals(peer)) && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }

  private async onStream(stream: Stream, connection: Connection): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await readToEnd(stream, MAX_HANDSHAKE_BYTES, STREAM_TIMEOUT_MS);
    } catch (error) {
      stream.abort(error as Error);
      this.log.debug(
        `handshake stream from ${connection.remotePeer.toString()} refused: ${(error as Error).message}`,
      );
      return;
    }
    await stream.close().catch(() => undefined);
    const decoded = handshakeMessageCodec.decode(bytes, MAX_HANDSHAKE_BYTES);
    if (!decoded.ok) {
      this.log.debug(
        `bad handshake from ${connection.remotePeer.toString()}: ${decoded.error.message}`,
      );
      return;
    }
    this.receive(decoded.value, connection.remotePeer);
  }
}
