import type { ServerWritableStream } from '@grpc/grpc-js';
import { Controller, Inject, UseGuards } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { ban_service, p2p_events } from '@teranode-p2p/contracts';
import { AdminApiKeyGuard, AdminOnly, resourceExhausted } from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import { Observable } from 'rxjs';
import { BanCommands } from '../bans/ban-commands.js';
import { BAN_LOGGER } from '../bans/ban-logger.js';
import { kindFromProto } from '@teranode-p2p/ban-rules';
import { BanState } from '../state/ban-state.js';
import { toBanEntry, toPeerScore } from './ban-entry-mapping.js';
import { answer } from './grpc-error-mapping.js';
import { BadBanRequestError } from '../bans/ban-request-errors.js';

/** Most WatchBans streams open at once on one replica. */
export const MAX_WATCHERS = 256;
/** Most events queued for one WatchBans client that is not reading. */
const MAX_UNREAD_EVENTS = 1000;

/** ban-service's own API (proto/ban_service.proto). */
@Controller()
@UseGuards(AdminApiKeyGuard)
export class BanServiceController {
  private watchers = 0;

  constructor(
    private readonly bans: BanCommands,
    private readonly state: BanState,
    @Inject(BAN_LOGGER) private readonly logger: Logger,
  ) {}

  get watcherCount(): number {
    return this.watchers;
  }

  @AdminOnly()
  @GrpcMethod('BanService', 'Ban')
  ban(request: ban_service.BanRequest): Promise<ban_service.BanEntry> {
    return answer(this.logger, 'Ban', async () =>
      toBanEntry(
        await this.bans.ban({
          target: request.target ?? '',
          durationSeconds: BigInt(request.duration_seconds ?? '0'),
          untilSeconds: BigInt(request.until ?? '0'),
          reason: request.reason ?? '',
        }),
      ),
    );
  }

  @AdminOnly()
  @GrpcMethod('BanService', 'Unban')
  unban(request: ban_service.UnbanRequest): Promise<ban_service.UnbanResponse> {
    return answer(this.logger, 'Unban', async () => ({
      removed: (await this.bans.unban(request.target ?? '')) !== undefined,
    }));
  }

  @GrpcMethod('BanService', 'List')
  list(request: ban_service.ListBansRequest): Promise<ban_service.ListBansResponse> {
    return answer(this.logger, 'List', async () => {
      const kind = request.kind ? kindFromProto(request.kind) : undefined;
      if (request.kind && !kind)
        throw new BadBanRequestError(`kind=${request.kind} is not a ban kind`);
      const records = await this.bans.list(kind);
      records.sort((a, b) => a.createdAtMs - b.createdAtMs || a.value.localeCompare(b.value));
      return { entries: records.map(toBanEntry) };
    });
  }

  @GrpcMethod('BanService', 'Check')
  check(request: ban_service.CheckRequest): Promise<ban_service.CheckResponse> {
    return answer(this.logger, 'Check', () => {
      const record = this.bans.check(request.target ?? '');
      return { banned: record !== undefined, entry: record && toBanEntry(record) };
    });
  }

  @AdminOnly()
  @GrpcMethod('BanService', 'Clear')
  clear(): Promise<ban_service.ClearResponse> {
    return answer(this.logger, 'Clear', async () => ({ removed: await this.bans.clear() }));
  }

  @GrpcMethod('BanService', 'GetScore')
  getScore(request: ban_service.PeerRequest): Promise<ban_service.PeerScore> {
    return answer(this.logger, 'GetScore', async () => {
      const now = Date.now();
      return toPeerScore(
        request.peer_id,
        await this.bans.getScore(request.peer_id ?? '', now),
        now,
      );
    });
  }

  @AdminOnly()
  @GrpcMethod('BanService', 'AddScore')
  addScore(request: ban_service.AddScoreRequest): Promise<ban_service.PeerScore> {
    return answer(this.logger, 'AddScore', async () => {
      const now = Date.now();
      const state = await this.bans.addScore(request.peer_id ?? '', request.reason ?? '', now);
      return toPeerScore(request.peer_id, state, now);
    });
  }

  @AdminOnly()
  @GrpcMethod('BanService', 'ResetScore')
  resetScore(request: ban_service.PeerRequest): Promise<ban_service.PeerScore> {
    return answer(this.logger, 'ResetScore', async () => {
      await this.bans.resetScore(request.peer_id ?? '');
      return toPeerScore(request.peer_id, undefined, Date.now());
    });
  }

  @GrpcMethod('BanService', 'WatchBans')
  watchBans(
    _request: unknown,
    _metadata: unknown,
    call?: ServerWritableStream<unknown, unknown>,
  ): Observable<p2p_events.BanEvent> {
    if (this.watchers >= MAX_WATCHERS) {
      throw resourceExhausted(`${MAX_WATCHERS} WatchBans streams are open on this replica already`);
    }
    return new Observable<p2p_events.BanEvent>((subscriber) => {
      this.watchers++;
      // Events written while the client does not read pile up in the server; past the bound
      // the stream ends with RESOURCE_EXHAUSTED instead of growing without limit.
      let unread = 0;
      const drained = () => (unread = 0);
      call?.on('drain', drained);
      const subscription = this.state.changes.subscribe((event) => {
        if (call?.writableNeedDrain && ++unread > MAX_UNREAD_EVENTS) {
          subscriber.error(
            resourceExhausted(
              `WatchBans client fell more than ${MAX_UNREAD_EVENTS} events behind; reconnect and List to resynchronise`,
            ),
          );
          return;
        }
        subscriber.next(event);
      });
      return () => {
        this.watchers--;
        call?.off('drain', drained);
        subscription.unsubscribe();
      };
    });
  }
}
