import { loadSettings, type SettingKey } from '@teranode-p2p/config';
import { readWorkspaceFile } from './workspace.js';

/**
 * The settings that give each app its listening ports, by port name (the name Kubernetes
 * container ports carry). `http` serves /health/* and /metrics (and ws-gateway's /p2p-ws).
 */
export const servicePortSettings: Readonly<Record<string, Readonly<Record<string, SettingKey>>>> = {
  'gossip-node': {
    p2p: 'p2p_port',
    grpc: 'p2p_grpc_listen_address',
    http: 'gossip_node_http_listen_address',
  },
  'ban-service': {
    grpc: 'ban_service_grpc_listen_address',
    http: 'ban_service_http_listen_address',
  },
  'kafka-bridge': { http: 'kafka_bridge_http_listen_address' },
  'ws-gateway': { http: 'p2p_http_listen_address' },
  'blockchain-simulator': {
    grpc: 'simulator_grpc_listen_address',
    http: 'simulator_http_listen_address',
  },
};

/**
 * Apps with an image that run only in local networks (docker compose), not in the Kubernetes
 * chart: in production gossip-node follows the real Teranode blockchain service.
 */
export const localOnlyApps: readonly string[] = ['blockchain-simulator'];

/** Settings naming where one service dials another: the app and port name they must reach. */
export const dialSettings: Readonly<Record<string, { app: string; port: string }>> = {
  ban_service_grpc_address: { app: 'ban-service', port: 'grpc' },
  p2p_grpc_address: { app: 'gossip-node', port: 'grpc' },
  blockchain_grpc_address: { app: 'blockchain-simulator', port: 'grpc' },
};

type Env = Readonly<Record<string, string | undefined>>;

/** The port a listen setting resolves to with these variables (its default when unset). */
export function settingPort(key: SettingKey, env: Env = {}): number {
  const value: unknown = loadSettings({ env, only: key })[key as keyof object];
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && 'port' in value) return value.port as number;
  throw new Error(`${key} is not a port or listen address setting`);
}

/** Every port an app listens on with these variables, by port name. */
export function appPorts(app: string, env: Env = {}): Record<string, number> {
  const settings = servicePortSettings[app];
  if (settings === undefined) throw new Error(`no port settings known for app ${app}`);
  return Object.fromEntries(
    Object.entries(settings).map(([name, key]) => [name, settingPort(key, env)]),
  );
}

function definitionSource(app: string): string {
  return readWorkspaceFile(`apps/${app}/src/${app}.definition.ts`);
}

/** The setting the app's definition passes to listenOn() for its HTTP server, from its source. */
export function httpSettingInDefinition(app: string): string {
  const match = /http:\s*\(settings\)\s*=>\s*listenOn\(settings\.(\w+)\)/.exec(
    definitionSource(app),
  );
  if (match === null) {
    throw new Error(`apps/${app}/src/${app}.definition.ts has no http: listenOn(settings.x)`);
  }
  return match[1]!;
}

/** Every setting the app's definition listens on (HTTP and gRPC servers), from its source. */
export function listenSettingsInDefinition(app: string): string[] {
  return [...definitionSource(app).matchAll(/listenOn\(settings\.(\w+)\)/g)].map((m) => m[1]!);
}

/** Whether the app's definition can serve its HTTP port as HTTPS (at securityLevelHTTP 1). */
export function servesHttpsInDefinition(app: string): boolean {
  return /^\s*https:/m.test(definitionSource(app));
}
