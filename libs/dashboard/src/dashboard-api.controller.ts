import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpException,
  Param,
  Post,
  type OnModuleDestroy,
} from '@nestjs/common';
import { isPeerId, parseDuration, quoteInput, type Settings } from '@teranode-p2p/config';
import {
  ban_service,
  banEntryView,
  gossip_node,
  p2p_api,
  type BanEntryView,
} from '@teranode-p2p/contracts';
import {
  peerRegistryView,
  syncPeerView,
  type PeerRegistryView,
  type SyncPeerView,
} from '@teranode-p2p/peer-registry';
import {
  AdminKey,
  grpcClient,
  InjectSettings,
  unaryCall,
  type AdminKeyRefusal,
  type GrpcCallError,
  type UnaryMethod,
} from '@teranode-p2p/service-runtime';
import { httpErrorFrom } from './grpc-to-http.js';

const CALL_TIMEOUT_MS = 3000;
const MAX_FIELD_LENGTH = 512;
/** Reads are retried on any UNAVAILABLE (unaryCall). */
const READ = { idempotent: true };

/** GET /api/registry: the registry as GetPeerRegistry orders it, and the sync peer with its why. */
export interface RegistryAnswer {
  peers: PeerRegistryView[];
  /** null when the server has no GetSyncPeer (Teranode's own P2P service). */
  sync: SyncPeerView | null;
}

const ADMIN_REFUSALS: Record<AdminKeyRefusal, [number, string]> = {
  disabled: [
    403,
    'resetting reputations is disabled: grpc_admin_api_key is not set on this server',
  ],
  missing: [401, 'missing API key: send the admin key as the x-api-key header'],
  invalid: [401, 'invalid API key'],
};

/**
 * The dashboard's JSON API: reads go to gossip-node and ban-service over gRPC; bans and unbans
 * forward the caller's `x-api-key`, so the services decide who may change anything. A reputation
 * reset is checked here against `grpc_admin_api_key` first: gossip-node takes ResetReputation
 * from anyone, as Teranode's P2P service does, so the dashboard guards it as Teranode's does.
 */
@Controller('api')
export class DashboardApiController implements OnModuleDestroy {
  private readonly peers: p2p_api.PeerServiceClient;
  private readonly node: gossip_node.GossipNodeClient;
  private readonly bans: ban_service.BanServiceClient;
  private readonly adminKey: AdminKey;

  constructor(@InjectSettings() private readonly settings: Settings) {
    this.peers = grpcClient(p2p_api.PeerServiceClient, settings.p2p_grpc_address, settings);
    this.node = grpcClient(gossip_node.GossipNodeClient, settings.p2p_grpc_address, settings);
    this.bans = grpcClient(
      ban_service.BanServiceClient,
      settings.ban_service_grpc_address,
      settings,
    );
    this.adminKey = new AdminKey(settings.grpc_admin_api_key);
  }

  onModuleDestroy(): void {
    this.peers.close();
    this.node.close();
    this.bans.close();
  }

  @Get('registry')
  async registry(): Promise<RegistryAnswer> {
    const [registry, sync] = await Promise.all([
      this.call('gossip-node', this.peers.getPeerRegistry.bind(this.peers), {}, READ),
      this.syncPeer(),
    ]);
    return {
      peers: registry.peers.map((peer) => peerRegistryView(peer, sync?.sync_peer)),
      sync,
    };
  }

  /** Body `{ "peer_id": "…" }`; empty or absent resets every peer (Teranode's reset-reputation). */
  @Post('registry/reset-reputation')
  @HttpCode(200)
  async resetReputation(
    @Body() body: unknown,
    @Headers('x-api-key') apiKey?: string,
    @Headers('content-type') contentType?: string,
  ): Promise<p2p_api.ResetReputationResponse> {
    const refusal = this.adminKey.refusal(apiKey);
    if (refusal) {
      const [code, error] = ADMIN_REFUSALS[refusal];
      throw new HttpException({ error }, code);
    }
    const peerId = field(jsonObject(body, contentType).peer_id, 'peer_id', false);
    if (peerId !== '' && !isPeerId(peerId))
      throw badRequest(`peer_id ${quoteInput(peerId)} is not a libp2p peer ID`);
    const response = await this.call(
      'gossip-node',
      this.peers.resetReputation.bind(this.peers),
      { peer_id: peerId },
      { apiKey },
    );
    if (peerId !== '' && response.peers_reset === 0)
      throw new HttpException({ error: `no peer ${peerId} in the registry` }, 404);
    return response;
  }

  /** GetSyncPeer; null from a p2p_api server without gossip-node's own API. */
  private async syncPeer(): Promise<SyncPeerView | null> {
    try {
      return syncPeerView(
        await this.call('gossip-node', this.node.getSyncPeer.bind(this.node), {}, READ),
      );
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 501) return null;
      throw error;
    }
  }

  @Get('peers')
  async listPeers(): Promise<p2p_api.Peer[]> {
    const response = await this.call('gossip-node', this.peers.getPeers.bind(this.peers), {}, READ);
    return response.peers;
  }

  @Get('bans')
  async listBans(): Promise<BanEntryView[]> {
    const response = await this.call(
      'ban-service',
      this.bans.list.bind(this.bans),
      { kind: 0 },
      READ,
    );
    return response.entries.map(banEntryView);
  }

  @Post('bans')
  async ban(
    @Body() body: unknown,
    @Headers('x-api-key') apiKey?: string,
    @Headers('content-type') contentType?: string,
  ): Promise<BanEntryView> {
    const fields = jsonObject(body, contentType);
    const target = field(fields.target, 'target', true);
    const durationText = field(fields.duration, 'duration', false);
    const durationMs = durationText === '' ? 0 : parseDuration(durationText);
    if (durationMs === undefined)
      throw badRequest(`duration ${quoteInput(durationText)} is not a duration such as 30m or 24h`);
    const request = {
      target,
      duration_seconds: String(Math.floor(durationMs / 1000)),
      until: '0',
      reason: field(fields.reason, 'reason', false),
    };
    const entry = await this.call('ban-service', this.bans.ban.bind(this.bans), request, {
      apiKey,
    });
    return banEntryView(entry);
  }

  @Delete('bans/:target')
  async unban(
    @Param('target') target: string,
    @Headers('x-api-key') apiKey?: string,
  ): Promise<{ removed: boolean }> {
    const request = { target: field(target, 'target', true) };
    const response = await this.call('ban-service', this.bans.unban.bind(this.bans), request, {
      apiKey,
    });
    if (!response.removed) throw new HttpException({ error: `no ban on exactly ${target}` }, 404);
    return response;
  }

  private call<Req, Res>(
    service: string,
    method: UnaryMethod<Req, Res>,
    request: Req,
    options: { apiKey?: string; idempotent?: boolean },
  ): Promise<Res> {
    return unaryCall(service, method, request, {
      timeoutMs: CALL_TIMEOUT_MS,
      retry: this.settings,
      ...options,
    }).catch((error: GrpcCallError) => {
      throw httpErrorFrom(error, service);
    });
  }
}

/** A request body's fields: a JSON object, or none when the request has no body. */
function jsonObject(body: unknown, contentType: string | undefined): Record<string, unknown> {
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
  if (mediaType && mediaType !== 'application/json')
    throw new HttpException(
      { error: `send the body as JSON (content-type: application/json), not ${mediaType}` },
      415,
    );
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest(
      `the request body must be a JSON object, not ${Array.isArray(body) ? 'an array' : typeof body}`,
    );
  return body as Record<string, unknown>;
}

function field(value: unknown, name: string, required: boolean): string {
  if (value === undefined || value === null || value === '') {
    if (required) throw badRequest(`${name} is required`);
    return '';
  }
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  if (value.length > MAX_FIELD_LENGTH)
    throw badRequest(`${name} is longer than ${MAX_FIELD_LENGTH} characters`);
  return value.trim();
}

function badRequest(message: string): HttpException {
  return new HttpException({ error: message }, 400);
}
