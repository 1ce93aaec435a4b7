import { Module } from '@nestjs/common';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { PeerAddressServer } from './peer-address-server.js';
import { TopicPeerDialer } from './topic-peer-dialer.js';
import { TopicRendezvous } from './topic-rendezvous.js';

/** Finding peers: topic discovery on the DHT, and without one, peer address exchange. */
@Module({
  imports: [HostModule, GossipModule],
  providers: [TopicRendezvous, PeerAddressServer, TopicPeerDialer],
})
export class DiscoveryModule {}
