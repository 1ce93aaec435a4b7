import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpException,
  Param,
  Post,
  type OnModuleDestroy,
} from '@nestjs/common';
import { parseDuration, quoteInput, type Settings } from '@teranode-p2p/config';
import { ban_service, banEntryView, p2p_api, type BanEntryView } from '@teranode-p2p/contracts';
import {
  grpcClient,
  InjectSettings,
  unaryCall,
  type GrpcCallError,
  type UnaryMethod,
} from '@teranode-p2p/service-runtime';
import { httpErrorFrom } from './grpc-to-http.js';

const CALL_TIMEOUT_MS = 3000;
const MAX_FIELD_LENGTH = 512;
/** Reads are retried on any UNAVAILABLE (unaryCall). */
const READ = { idempotent: true };

/**
 * The dashboard's JSON API: reads go to gossip-node and ban-service over gRPC; bans and unbans
 * forward the caller's `x-api-key`, so the services decide who may change anything.
 */
@Controller('api')
export class DashboardApiController implements OnModuleDestroy {
  private readonly peers: p2p_api.PeerServiceClient;
  private readonly bans: ban_service.BanServiceClient;

  constructor(@InjectSettings() private readonly settings: Settings) {
    this.peers = grpcClient(p2p_api.PeerServiceClient, settings.p2p_grpc_address, settings);
    this.bans = grpcClient(
      ban_service.BanServiceClient,
      settings.ban_service_grpc_address,
      settings,
    );
  }

  onModuleDestroy(): void {
    this.peers.close();
    this.bans.close();
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
    @Body() body: { target?: unknown; duration?: unknown; reason?: unknown },
    @Headers('x-api-key') apiKey?: string,
  ): Promise<BanEntryView> {
    const target = field(body?.target, 'target', true);
    const durationText = field(body?.duration, 'duration', false);
    const durationMs = durationText === '' ? 0 : parseDuration(durationText);
    if (durationMs === undefined)
      throw badRequest(`duration ${quoteInput(durationText)} is not a duration such as 30m or 24h`);
    const request = {
      target,
      duration_seconds: String(Math.floor(durationMs / 1000)),
      until: '0',
      reason: field(body?.reason, 'reason', false),
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
