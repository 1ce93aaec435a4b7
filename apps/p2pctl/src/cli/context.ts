import type { Client } from '@grpc/grpc-js';
import {
  formatHostPort,
  hostPortKind,
  loadSettings,
  parseDuration,
  quoteInput,
  SettingsError,
  withLocalNetworkP2pctlDefaults,
} from '@teranode-p2p/config';
import { ban_service, gossip_node, p2p_api } from '@teranode-p2p/contracts';
import {
  grpcClient,
  unaryCall,
  type GrpcCallError,
  type GrpcClientClass,
  type GrpcClientSettings,
  type UnaryMethod,
} from '@teranode-p2p/service-runtime';
import { CommandError, EXIT, fromGrpcError } from './exit-codes.js';
import type { GlobalOptions } from './parse-command.js';

/** Binds one unary method on a client, e.g. `(c) => c.ban.bind(c)`. */
type Picker<C, Req, Res> = (client: C) => UnaryMethod<Req, Res>;

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
  /** For clients as the services make them: TLS trusting server_certFile at security_level_grpc 1. */
  private readonly clientSettings: GrpcClientSettings;

  constructor(
    options: GlobalOptions,
    environment: Readonly<Record<string, string | undefined>>,
    readonly output: Output,
  ) {
    const { env, settings } = usageOnBadSettings(() => {
      const env = withLocalNetworkP2pctlDefaults(environment);
      const only = [
        'p2p_grpc_address',
        'ban_service_grpc_address',
        'grpc_admin_api_key',
        'security_level_grpc',
        'server_certFile',
        'grpc_max_retries',
        'grpc_retry_backoff',
      ] as const;
      return { env, settings: loadSettings({ env, only }) };
    });
    this.clientSettings = { ...settings, server_keyFile: undefined };
    this.gossipNodeAddress =
      options.gossipNode === undefined
        ? formatHostPort(settings.p2p_grpc_address)
        : dialAddress('--gossip-node', options.gossipNode);
    this.banServiceAddress =
      options.banService === undefined
        ? formatHostPort(settings.ban_service_grpc_address)
        : dialAddress('--ban-service', options.banService);
    this.gatewayUrl = gatewayUrl(options.gateway ?? env['P2PCTL_GATEWAY'] ?? DEFAULT_GATEWAY);
    this.healthTargets = parseHealthTargets(options.health ?? env['P2PCTL_HEALTH']);
    this.apiKey = options.apiKey ?? settings.grpc_admin_api_key;
    this.json = options.json;
    const timeoutMs = options.timeout === undefined ? 5000 : parseDuration(options.timeout);
    if (timeoutMs === undefined || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
      throw new CommandError(
        `--timeout ${quoteInput(options.timeout ?? '')} is not a duration such as 500ms, 5s or 1m, at most 1h`,
        EXIT.usage,
      );
    }
    this.timeoutMs = timeoutMs;
  }

  /** Calls a ban-service RPC. */
  callBanService<Req, Res>(pick: Picker<ban_service.BanServiceClient, Req, Res>, request: Req) {
    return this.call('ban-service', ban_service.BanServiceClient, pick, request);
  }

  /** Calls a p2p_api.PeerService RPC at gossip-node. */
  callPeerService<Req, Res>(pick: Picker<p2p_api.PeerServiceClient, Req, Res>, request: Req) {
    return this.call('gossip-node', p2p_api.PeerServiceClient, pick, request);
  }

  /** Calls an RPC of gossip-node's own API (GetSyncPeer), on the same address as p2p_api. */
  callGossipNode<Req, Res>(pick: Picker<gossip_node.GossipNodeClient, Req, Res>, request: Req) {
    return this.call('gossip-node', gossip_node.GossipNodeClient, pick, request);
  }

  print(human: string, data: unknown): void {
    this.output.out(this.json ? JSON.stringify(data, null, 2) : human);
  }

  close(): void {
    for (const client of this.clients) client.close();
  }

  /** Calls a unary RPC with the admin key (when known) and a deadline; errors say what to fix. */
  private call<C extends Client, Req, Res>(
    service: 'ban-service' | 'gossip-node',
    Class: GrpcClientClass<C>,
    pick: Picker<C, Req, Res>,
    request: Req,
  ): Promise<Res> {
    const address = service === 'ban-service' ? this.banServiceAddress : this.gossipNodeAddress;
    return unaryCall(service, pick(this.client(Class, address)), request, {
      timeoutMs: this.timeoutMs,
      apiKey: this.apiKey,
      retry: this.clientSettings,
    }).catch((error: GrpcCallError) => {
      throw fromGrpcError(error, service, address);
    });
  }

  private client<C extends Client>(Class: GrpcClientClass<C>, address: string): C {
    const client = usageOnBadSettings(() => grpcClient(Class, address, this.clientSettings));
    this.clients.push(client);
    return client;
  }
}

const DEFAULT_GATEWAY = 'http://localhost:9906';
/** Longer deadlines are no use to a command run by hand, and past 2^31 ms timers fire at once. */
const MAX_TIMEOUT_MS = 60 * 60_000;
const DIAL_ADDRESS = hostPortKind({ listen: false });

/** A --gossip-node or --ban-service value, checked before any call (gRPC's own errors name DNS). */
function dialAddress(flag: string, text: string): string {
  try {
    return formatHostPort(DIAL_ADDRESS.parse(text));
  } catch {
    throw new CommandError(
      `${flag} ${quoteInput(text)} is not ${DIAL_ADDRESS.expected}`,
      EXIT.usage,
    );
  }
}

/** The gateway's base URL (--gateway or P2PCTL_GATEWAY), without a trailing slash. */
function gatewayUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || !['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol))
    throw new CommandError(
      `--gateway ${quoteInput(text)} is not a URL such as ${DEFAULT_GATEWAY} (http, https, ws or wss)`,
      EXIT.usage,
    );
  return text.replace(/\/$/, '');
}

/** A setting the operator got wrong ends the command with the usage exit code. */
function usageOnBadSettings<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof SettingsError) throw new CommandError(error.message, EXIT.usage);
    throw error;
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
