import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Settings } from '@teranode-p2p/config';
import { parseTypesFilter, type FilterableType } from '@teranode-p2p/notifications';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { WebSocketServer, type WebSocket } from 'ws';
import { FeedHub } from './feed-hub.js';
import { FeedMetrics } from './feed-metrics.js';
import { FeedPing } from './feed-ping.js';
import { rejectUpgrade } from './upgrade-rejection.js';

export const FEED_PATH = '/p2p-ws';

type Admission =
  | { ok: true; types: ReadonlySet<FilterableType> | undefined }
  | { ok: false; status: number; reason: string; message: string };

/** Close code 1001 (going away) when the replica shuts down. */
const GOING_AWAY = 1001;
/** Close code 1003 (unsupported data): clients may only send text, which is ignored. */
const UNSUPPORTED_DATA = 1003;

/**
 * The WebSocket endpoint on the service's HTTP(S) server: checks each upgrade request itself
 * (path, capacity, origin, filter) and answers a refused one with an HTTP error; runs the
 * keepalive; closes every client with 1001 on shutdown.
 */
@Injectable()
export class FeedGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FeedGateway');
  private readonly wss: WebSocketServer;
  private readonly allowedOrigins: ReadonlySet<string>;
  private server: Server | undefined;
  private accepting = false;
  private keepalive: NodeJS.Timeout | undefined;

  constructor(
    @InjectSettings() private readonly settings: Settings,
    private readonly adapterHost: HttpAdapterHost,
    private readonly hub: FeedHub,
    private readonly ping: FeedPing,
    private readonly metrics: FeedMetrics,
  ) {
    this.allowedOrigins = new Set(settings.ws_allowed_origins);
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: settings.ws_max_frame_size,
    });
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
    this.accepting = true;
    this.keepalive = setInterval(() => this.sendKeepalive(), this.settings.ws_ping_interval);
    this.keepalive.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.accepting = false;
    clearInterval(this.keepalive);
    const clients = this.hub.clients;
    await this.hub.closeAll(GOING_AWAY, 'server shutting down');
    this.server?.off('upgrade', this.onUpgrade);
    this.logger.log(`closed ${clients} WebSocket clients with ${GOING_AWAY}`);
  }

  private sendKeepalive(): void {
    this.hub.pingAll();
    this.hub.broadcastToAll(this.ping.frame(Date.now()));
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const admission = this.admit(request);
    if (!admission.ok) {
      this.metrics.upgradeRefused(admission.reason);
      rejectUpgrade(socket, admission.status, admission.message);
      return;
    }
    // ws answers malformed handshakes (method, Upgrade, Sec-WebSocket-Key/-Version) with 400.
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, socket, admission.types));
  };

  private admit(request: IncomingMessage): Admission {
    const path = (request.url ?? '').split('?')[0];
    if (path !== FEED_PATH) {
      return {
        ok: false,
        status: 404,
        reason: 'path',
        message: `no WebSocket endpoint at ${path?.slice(0, 200)}`,
      };
    }
    if (!this.accepting) {
      return {
        ok: false,
        status: 503,
        reason: 'shutting_down',
        message: 'the server is shutting down',
      };
    }
    if (this.hub.sockets >= this.settings.ws_max_clients) {
      return {
        ok: false,
        status: 503,
        reason: 'max_clients',
        message: `too many clients (ws_max_clients=${this.settings.ws_max_clients})`,
      };
    }
    const origin = request.headers.origin;
    if (origin !== undefined && this.allowedOrigins.size > 0 && !this.allowedOrigins.has(origin)) {
      return {
        ok: false,
        status: 403,
        reason: 'origin',
        message: `origin ${origin.slice(0, 200)} is not allowed`,
      };
    }
    const filter = parseTypesFilter(queryParam(request, 'types'));
    if (!filter.ok) return { ok: false, status: 400, reason: 'filter', message: filter.error };
    return { ok: true, types: filter.types };
  }

  private accept(
    ws: WebSocket,
    socket: Duplex,
    types: ReadonlySet<FilterableType> | undefined,
  ): void {
    const client = this.hub.add(ws, socket, types);
    ws.on('pong', () => (client.alive = true));
    ws.on('message', (_data, isBinary) => {
      if (isBinary) {
        this.hub.drop(client, 'binary_frame', UNSUPPORTED_DATA, 'binary frames are not accepted');
      }
    });
    // ws has already started closing with the matching code (1007 invalid UTF-8, 1009 too big…).
    ws.on('error', (error) => {
      this.logger.debug(`client protocol error: ${error.message}`);
      this.hub.drop(client, 'protocol_error', 1002, error.message.slice(0, 100));
    });
    ws.on('close', () => this.hub.remove(client));
  }
}

function queryParam(request: IncomingMessage, name: string): string | null {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get(name);
}
