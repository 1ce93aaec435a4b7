import { Metadata, type ServiceError } from '@grpc/grpc-js';
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
import { formatHostPort, parseDuration, quoteInput, type Settings } from '@teranode-p2p/config';
import { ban_service, banEntryView, p2p_api, type BanEntryView } from '@teranode-p2p/contracts';
import { grpcClientCredentials, InjectSettings } from '@teranode-p2p/service-runtime';
import { httpErrorFrom } from './grpc-to-http.js';

const CALL_TIMEOUT_MS = 3000;
const MAX_FIELD_LENGTH = 512;

type Callback<T> = (error: ServiceError | null, response: T) => void;

/**
 * The dashboard's JSON API: reads go to gossip-node and ban-service over gRPC; bans and unbans
 * forward the caller's `x-api-key`, so the services decide who may change anything.
 */
@Controller('api')
export class DashboardApiController implements OnModuleDestroy {
  private readonly peers: p2p_api.PeerServiceClient;
  private readonly bans: ban_service.BanServiceClient;

  constructor(@InjectSettings() settings: Settings) {
    const channel = grpcClientCredentials(settings);
    this.peers = new p2p_api.PeerServiceClient(formatHostPort(settings.p2p_grpc_address), channel);
    this.bans = new ban_service.BanServiceClient(
      formatHostPort(settings.ban_service_grpc_address),
      channel,
    );
  }

  onModuleDestroy(): void {
    this.peers.close();
    this.bans.close();
  }

  @Get('peers')
  async listPeers(): Promise<p2p_api.Peer[]> {
    const response = await call<p2p_api.GetPeersResponse>('gossip-node', (m, o, cb) =>
      this.peers.getPeers({}, m, o, cb),
    );
    return response.peers;
  }

  @Get('bans')
  async listBans(): Promise<BanEntryView[]> {
    const response = await call<ban_service.ListBansResponse>('ban-service', (m, o, cb) =>
      this.bans.list({ kind: 0 }, m, o, cb),
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
    const entry = await call<ban_service.BanEntry>(
      'ban-service',
      (m, o, cb) => this.bans.ban(request, m, o, cb),
      apiKey,
    );
    return banEntryView(entry);
  }

  @Delete('bans/:target')
  async unban(
    @Param('target') target: string,
    @Headers('x-api-key') apiKey?: string,
  ): Promise<{ removed: boolean }> {
    const response = await call<ban_service.UnbanResponse>(
      'ban-service',
      (m, o, cb) => this.bans.unban({ target: field(target, 'target', true) }, m, o, cb),
      apiKey,
    );
    if (!response.removed) throw new HttpException({ error: `no ban on exactly ${target}` }, 404);
    return response;
  }
}

function call<T>(
  service: string,
  invoke: (metadata: Metadata, options: { deadline: Date }, callback: Callback<T>) => unknown,
  apiKey?: string,
): Promise<T> {
  const metadata = new Metadata();
  if (apiKey) metadata.set('x-api-key', apiKey);
  return new Promise((resolve, reject) =>
    invoke(metadata, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }, (error, response) =>
      error ? reject(httpErrorFrom(error, service)) : resolve(response),
    ),
  );
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
