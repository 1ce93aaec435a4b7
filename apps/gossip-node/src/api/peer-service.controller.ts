import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseGuards, type OnModuleDestroy } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Settings } from '@teranode-p2p/config';
import type { p2p_api } from '@teranode-p2p/contracts';
import {
  AdminApiKeyGuard,
  AdminOnly,
  InjectSettings,
  notFound,
} from '@teranode-p2p/service-runtime';
import { PeerRegistry } from '@teranode-p2p/gossip';
import { ScoreReporter } from '../bans/score-reporter.js';
import { ConnectionTraffic } from '../host/connection-traffic.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { BanServiceForwarder } from './ban-service-forwarder.js';
import { peerAddress, peerToDisconnect } from './peer-request.js';
import { toApiPeer } from './peer-view.js';

/** Teranode's p2p_api.PeerService (teranode-contracts.md); ban RPCs go to ban-service. */
@Controller()
@UseGuards(AdminApiKeyGuard)
export class PeerServiceController implements OnModuleDestroy {
  private readonly bans: BanServiceForwarder;

  constructor(
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(PeerRegistry) private readonly peers: PeerRegistry,
    @Inject(ConnectionTraffic) private readonly traffic: ConnectionTraffic,
    @Inject(ScoreReporter) private readonly scores: ScoreReporter,
    @InjectSettings() settings: Settings,
  ) {
    this.bans = new BanServiceForwarder(settings);
  }

  onModuleDestroy(): void {
    this.bans.close();
  }

  @GrpcMethod('PeerService', 'GetPeers')
  async getPeers(): Promise<p2p_api.GetPeersResponse> {
    const host = this.host;
    const local = host.getMultiaddrs()[0]?.toString() ?? '';
    const byPeer = new Map<string, ReturnType<typeof host.getConnections>>();
    for (const connection of host.getConnections()) {
      if (connection.status !== 'open') continue;
      const id = connection.remotePeer.toString();
      byPeer.set(id, [...(byPeer.get(id) ?? []), connection]);
    }
    return {
      peers: await Promise.all(
        [...byPeer].map(async ([id, connections]) => ({
          ...toApiPeer(connections, this.peers.get(id), local, (c) => this.traffic.of(c)),
          banscore: await this.scores.score(id),
        })),
      ),
    };
  }

  @GrpcMethod('PeerService', 'ConnectPeer')
  @AdminOnly()
  async connectPeer(request: p2p_api.ConnectPeerRequest): Promise<p2p_api.ConnectPeerResponse> {
    const address = peerAddress(request.peer_address);
    try {
      await this.host.dial(address, { signal: AbortSignal.timeout(10_000) });
      return { success: true, error: '' };
    } catch (error) {
      return { success: false, error: (error as Error).message };
    }
  }

  @GrpcMethod('PeerService', 'DisconnectPeer')
  @AdminOnly()
  async disconnectPeer(
    request: p2p_api.DisconnectPeerRequest,
  ): Promise<p2p_api.DisconnectPeerResponse> {
    const peerId = peerToDisconnect(request.peer_id);
    if (this.host.getConnections(peerId).length === 0)
      throw notFound(`peer ${peerId.toString()} is not connected`);
    await this.host.hangUp(peerId);
    return { success: true, error: '' };
  }

  @GrpcMethod('PeerService', 'BanPeer')
  @AdminOnly()
  banPeer(request: p2p_api.BanPeerRequest, metadata: Metadata): Promise<p2p_api.BanPeerResponse> {
    return this.bans.call('banPeer', request, metadata);
  }

  @GrpcMethod('PeerService', 'UnbanPeer')
  @AdminOnly()
  unbanPeer(
    request: p2p_api.UnbanPeerRequest,
    metadata: Metadata,
  ): Promise<p2p_api.UnbanPeerResponse> {
    return this.bans.call('unbanPeer', request, metadata);
  }

  @GrpcMethod('PeerService', 'IsBanned')
  isBanned(
    request: p2p_api.IsBannedRequest,
    metadata: Metadata,
  ): Promise<p2p_api.IsBannedResponse> {
    return this.bans.call('isBanned', request, metadata);
  }

  @GrpcMethod('PeerService', 'ListBanned')
  listBanned(request: object, metadata: Metadata): Promise<p2p_api.ListBannedResponse> {
    return this.bans.call('listBanned', request, metadata);
  }

  @GrpcMethod('PeerService', 'ClearBanned')
  @AdminOnly()
  clearBanned(request: object, metadata: Metadata): Promise<p2p_api.ClearBannedResponse> {
    return this.bans.call('clearBanned', request, metadata);
  }

  @GrpcMethod('PeerService', 'AddBanScore')
  @AdminOnly()
  addBanScore(
    request: p2p_api.AddBanScoreRequest,
    metadata: Metadata,
  ): Promise<p2p_api.AddBanScoreResponse> {
    return this.bans.call('addBanScore', request, metadata);
  }
}
