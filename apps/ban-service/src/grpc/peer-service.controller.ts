import { status } from '@grpc/grpc-js';
import { Controller, Inject, UseGuards } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { p2p_api } from '@teranode-p2p/contracts';
import { AdminApiKeyGuard, AdminOnly, grpcError } from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import { BanCommands } from '../bans/ban-commands.js';
import { BAN_LOGGER } from '../bans/ban-logger.js';
import { answer } from './grpc-error-mapping.js';

const GOSSIP_NODE_ONLY = (rpc: string) =>
  grpcError(
    status.UNIMPLEMENTED,
    `${rpc} is served by gossip-node (p2p_grpc_address), not by ban-service: only gossip-node knows the connected peers`,
  );

/**
 * The ban RPCs of Teranode's p2p_api.PeerService, made consistent (design.md §5.2): IsBanned
 * answers for an IP, CIDR or peer ID; ListBanned lists both kinds; ClearBanned clears both.
 */
@Controller()
@UseGuards(AdminApiKeyGuard)
export class PeerServiceController {
  constructor(
    private readonly bans: BanCommands,
    @Inject(BAN_LOGGER) private readonly logger: Logger,
  ) {}

  @AdminOnly()
  @GrpcMethod('PeerService', 'BanPeer')
  banPeer(request: p2p_api.BanPeerRequest): Promise<p2p_api.BanPeerResponse> {
    return answer(this.logger, 'BanPeer', async () => {
      await this.bans.banUntil(request.addr ?? '', BigInt(request.until ?? '0'));
      return { ok: true };
    });
  }

  @AdminOnly()
  @GrpcMethod('PeerService', 'UnbanPeer')
  unbanPeer(request: p2p_api.UnbanPeerRequest): Promise<p2p_api.UnbanPeerResponse> {
    return answer(this.logger, 'UnbanPeer', async () => {
      await this.bans.unban(request.addr ?? '');
      return { ok: true };
    });
  }

  @GrpcMethod('PeerService', 'IsBanned')
  isBanned(request: p2p_api.IsBannedRequest): Promise<p2p_api.IsBannedResponse> {
    return answer(this.logger, 'IsBanned', () => ({
      isBanned: this.bans.check(request.ipOrSubnet ?? '') !== undefined,
    }));
  }

  @GrpcMethod('PeerService', 'ListBanned')
  listBanned(): Promise<p2p_api.ListBannedResponse> {
    return answer(this.logger, 'ListBanned', async () => ({
      banned: (await this.bans.list()).map((record) => record.value).sort(),
    }));
  }

  @AdminOnly()
  @GrpcMethod('PeerService', 'ClearBanned')
  clearBanned(): Promise<p2p_api.ClearBannedResponse> {
    return answer(this.logger, 'ClearBanned', async () => {
      await this.bans.clear();
      return { ok: true };
    });
  }

  @AdminOnly()
  @GrpcMethod('PeerService', 'AddBanScore')
  addBanScore(request: p2p_api.AddBanScoreRequest): Promise<p2p_api.AddBanScoreResponse> {
    return answer(this.logger, 'AddBanScore', async () => {
      await this.bans.addScore(request.peer_id ?? '', request.reason ?? '');
      return { ok: true };
    });
  }

  @GrpcMethod('PeerService', 'GetPeers')
  getPeers(): never {
    throw GOSSIP_NODE_ONLY('GetPeers');
  }

  @GrpcMethod('PeerService', 'ConnectPeer')
  connectPeer(): never {
    throw GOSSIP_NODE_ONLY('ConnectPeer');
  }

  @GrpcMethod('PeerService', 'DisconnectPeer')
  disconnectPeer(): never {
    throw GOSSIP_NODE_ONLY('DisconnectPeer');
  }
}
