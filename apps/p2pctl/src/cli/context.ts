import { Metadata, type ChannelCredentials, type Client, type ServiceError } from '@grpc/grpc-js';
import {
  formatHostPort,
  loadSettings,
  parseDuration,
  SettingsError,
  withLocalNetworkP2pctlDefaults,
} from '@teranode-p2p/config';
import { ban_service, p2p_api } from '@teranode-p2p/contracts';
import { grpcClientCredentials } from '@teranode-p2p/service-runtime';
import { CommandError, EXIT, fromGrpcError } from './exit-codes.js';
import type { GlobalOptions } from './parse-command.js';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Addresses, admin key and output of one p2pctl run, resolved from flags, then the environment
 * (and SETTINGS_FILE), then the running local network's file (`npm start`), then defaults.
 */
export class CommandContext {
  readonly gossipNodeAddress: string;
  readonly banServiceAddress: string;
  readonly gatewayUrl: string;
  readonly healthTargets: { name: string; url: string }[];
  readonly json: boolean;
  private readonly apiKey: string | undefined;
  private readonly timeoutMs: number;
  private readonly clients: Client[] = [];
  /** TLS trusting server_certFile when security_level_grpc is 1, as the services do. */
  private readonly channel: ChannelCredentials;

  constructor(
    options: GlobalOptions,
    environment: Readonly<Record<string, string | undefined>>,
    readonly output: Output,
  ) {
    let settings;
    let env: Readonly<Record<string, string | undefined>>;
    try {
      env = withLocalNetworkP2pctlDefaults(environment);
      settings = loadSettings({
        env,
        only: [
          'p2p_grpc_address',
          'ban_service_grpc_address',
          'grpc_admin_api_key',
          'security_level_grpc',
          'server_certFile',
        ],
      });
      this.channel = grpcClientCredentials({ ...settings, server_keyFile: undefined });
    } catch (error) {
      if (error instanceof SettingsError) throw new CommandError(error.message, EXIT.usage);
      throw error;
    }
    this.gossipNodeAddress = options.gossipNode ?? formatHostPort(settings.p2p_grpc_address);
    this.banServiceAddress =
      options.banService ?? formatHostPort(settings.ban_service_grpc_address);
    this.gatewayUrl = (options.gateway ?? env['P2PCTL_GATEWAY'] ?? 'http://localhost:9906').replace(
      /\/$/,
      '',
    );
    this.healthTargets = parseHealthTargets(options.health ?? env['P2PCTL_HEALTH']);
    this.apiKey = options.apiKey ?? settings.grpc_admin_api_key;
    this.json = options.json;
    const timeoutMs = options.timeout === undefined ? 5000 : parseDuration(options.timeout);
    if (timeoutMs === undefined || timeoutMs <= 0) {
      throw new CommandError(
        `--timeout "${options.timeout}" is not a duration such as 500ms, 5s or 1m`,
        EXIT.usage,
      );
    }
    this.timeoutMs = timeoutMs;
  }

  banService(): ban_service.BanServiceClient {
    return this.track(new ban_service.BanServiceClient(this.banServiceAddress, this.channel));
  }

  peerService(): p2p_api.PeerServiceClient {
    return this.track(new p2p_api.PeerServiceClient(this.gossipNodeAddress, this.channel));
  }

  /** Calls a unary RPC with the admin key (when known) and a deadline; errors say what to fix. */
  call<Req, Res>(
    service: string,
    address: string,
    method: (
      request: Req,
      metadata: Metadata,
      options: { deadline: Date },
      callback: (e: ServiceError | null, r: Res) => void,
    ) => unknown,
    request: Req,
  ): Promise<Res> {
    const metadata = new Metadata();
    if (this.apiKey) metadata.set('x-api-key', this.apiKey);
    return new Promise((resolve, reject) =>
      method(
        request,
        metadata,
        { deadline: new Date(Date.now() + this.timeoutMs) },
        (error, response) =>
          error ? reject(fromGrpcError(error, service, address)) : resolve(response),
      ),
    );
  }

  print(human: string, data: unknown): void {
    this.output.out(this.json ? JSON.stringify(data, null, 2) : human);
  }

  close(): void {
    for (const client of this.clients) client.close();
  }

  private track<T extends Client>(client: T): T {
    this.clients.push(client);
    return client;
  }
}

const DEFAULT_HEALTH =
  'gossip-node=http://localhost:9910,ban-service=http://localhost:9911,kafka-bridge=http://localhost:9912,ws-gateway=http://localhost:9906';

function parseHealthTargets(text = DEFAULT_HEALTH): { name: string; url: string }[] {
  return text.split(',').map((entry) => {
    const [name, url] = entry.split('=');
    if (!name || !url || !/^https?:\/\//.test(url)) {
      throw new CommandError(
        `--health entry "${entry}" is not name=http(s)://host:port`,
        EXIT.usage,
      );
    }
    return { name, url: url.replace(/\/$/, '') };
  });
}
