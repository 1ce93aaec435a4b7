import { Injectable } from '@nestjs/common';
import { formatHostPort, type Settings } from '@teranode-p2p/config';
import { p2p_api, peer_registry } from '@teranode-p2p/contracts';
import { peerRecordOf, type PeerRecord } from '@teranode-p2p/peer-registry';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import {
  grpcClient,
  InjectSettings,
  unaryCall,
  type GrpcClientSettings,
  type UnaryMethod,
} from '@teranode-p2p/service-runtime';

const CALL_TIMEOUT_MS = 5000;

type RegistrySettings = Pick<Settings, 'ban_service_grpc_address'> & GrpcClientSettings;

/**
 * The peer registry ban-service keeps for every gossip-node replica (peer_registry.proto), as
 * this node sees it: without the node's own record, which the other nodes sharing the registry
 * write from its gossip (and which outlives a restart, when the chain view starts at 0). Like
 * Teranode's registry, which never holds the node itself, it offers no catch-up from here.
 */
@Injectable()
export class RegistryClient {
  private readonly client: peer_registry.PeerRegistryClient;
  private readonly ownPeerId: string;
  readonly address: string;

  constructor(
    @InjectSettings() private readonly settings: RegistrySettings,
    @InjectHost() host: Libp2pHost,
  ) {
    this.address = formatHostPort(settings.ban_service_grpc_address);
    this.client = grpcClient(peer_registry.PeerRegistryClient, this.address, settings);
    this.ownPeerId = host.peerId.toString();
  }

  applyGossip(batch: peer_registry.GossipBatch): Promise<peer_registry.ApplyGossipResponse> {
    return this.call(this.client.applyGossip, batch, false);
  }

  /** Records one interaction; false when the registry does not know the peer. */
  async record(request: peer_registry.RecordRequest): Promise<boolean> {
    return (await this.call(this.client.record, request, false)).found;
  }

  async get(peerId: string): Promise<PeerRecord | undefined> {
    if (peerId === this.ownPeerId) return undefined;
    const answer = await this.call(this.client.get, { peer_id: peerId }, true);
    return answer.found && answer.peer ? peerRecordOf(answer.peer) : undefined;
  }

  async list(request: Partial<peer_registry.ListRequest> = {}): Promise<PeerRecord[]> {
    const answer = await this.call(
      this.client.list,
      peer_registry.ListRequest.fromPartial(request),
      true,
    );
    return answer.peers.filter((peer) => peer.id !== this.ownPeerId).map(peerRecordOf);
  }

  /** GetPeersForCatchup's list, in its order and form. */
  async listForCatchup(): Promise<p2p_api.PeerInfoForCatchup[]> {
    const { peers } = await this.call(this.client.listForCatchup, {}, true);
    return peers.filter((peer) => peer.id !== this.ownPeerId);
  }

  async resetReputation(peerId: string): Promise<number> {
    return (await this.call(this.client.resetReputation, { peer_id: peerId }, false)).reset;
  }

  async clearSyncAttempts(): Promise<number> {
    return (await this.call(this.client.clearSyncAttempts, {}, false)).cleared;
  }

  async reconsiderBadPeers(cooldownMs: number): Promise<number> {
    const request = { cooldown_ms: String(cooldownMs) };
    return (await this.call(this.client.reconsiderBadPeers, request, false)).reconsidered;
  }

  close(): void {
    this.client.close();
  }

  private call<Req, Res>(
    method: UnaryMethod<Req, Res>,
    request: Req,
    idempotent: boolean,
  ): Promise<Res> {
    return unaryCall(
      `ban-service peer registry at ${this.address}`,
      method.bind(this.client),
      request,
      {
        timeoutMs: CALL_TIMEOUT_MS,
        retry: this.settings,
        idempotent,
        client: this.client,
      },
    );
  }
}
