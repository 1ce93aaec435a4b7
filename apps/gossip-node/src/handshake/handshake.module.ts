import {
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { peerIdFromString } from '@libp2p/peer-id';
import { gossipTopicPrefix, type Settings } from '@teranode-p2p/config';
import { handshakeMessageCodec, PeerRegistry } from '@teranode-p2p/gossip';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { ChainModule } from '../chain/chain.module.js';
import { ChainState } from '../chain/chain-state.js';
import { GossipModule } from '../gossip/gossip.module.js';
import { topicOf } from '../gossip/gossip-topics.js';
import { InboundGossip } from '../gossip/inbound-gossip.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { HostModule, InjectHost } from '../host/host.module.js';
import { NODE_VERSION } from '../node/own-status.js';
import { Handshake } from './handshake.js';

/**
 * The legacy handshake (p2p_handshake_enabled): its stream protocol is handled before the host
 * listens, and handshakes from the topic are passed on, until before the host stops.
 */
@Module({ imports: [HostModule, GossipModule, ChainModule] })
export class HandshakeModule implements OnModuleInit, BeforeApplicationShutdown {
  private readonly handshake: Handshake | undefined;
  private unsubscribe = (): void => {};

  constructor(
    @InjectSettings() settings: Settings,
    @InjectHost() host: Libp2pHost,
    chain: ChainState,
    publisher: GossipPublisher,
    peers: PeerRegistry,
    private readonly inbound: InboundGossip,
  ) {
    if (!settings.p2p_handshake_enabled) return;
    const topicPrefix = gossipTopicPrefix(settings.network);
    this.handshake = new Handshake(
      host,
      topicPrefix,
      topicOf(settings, 'handshake'),
      (type) =>
        handshakeMessageCodec.create({
          type,
          peerId: host.peerId.toString(),
          bestHeight: chain.view.bestHeight,
          bestHash: chain.view.bestBlockHash,
          dataHubUrl:
            settings.listen_mode === 'full'
              ? (settings.asset_httpPublicAddress ?? settings.asset_httpAddress)
              : '',
          userAgent: `teranode-p2p/v${NODE_VERSION}`,
          topicPrefix,
        }),
      publisher,
      peers,
      new Logger('GossipNode'),
    );
  }

  async onModuleInit(): Promise<void> {
    const handshake = this.handshake;
    if (!handshake) return;
    await handshake.start();
    this.unsubscribe = this.inbound.onAccepted((message) => {
      if (message.gossip.kind === 'handshake')
        handshake.receive(message.gossip.message, peerIdFromString(message.author));
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe();
    await this.handshake?.stop();
  }
}
