import { hostType, parsePort } from './hosts.js';

/**
 * `host:port` addresses as Teranode writes them: `localhost:9904`, `10.0.0.1:9092`,
 * `[::1]:9904`, and for listening `:9904` (all interfaces).
 */
export interface HostPort {
  /** Empty string = all interfaces (only in listen addresses). IPv6 without brackets. */
  readonly host: string;
  readonly port: number;
}

export interface HostPortRules {
  /** `:port` with no host is accepted (a listen address). */
  readonly allowEmptyHost: boolean;
  /** Port 0 is accepted (the OS picks a free port). */
  readonly allowPortZero?: boolean;
  /**
   * A gRPC resolver prefix `dns:///` or `k8s:///` is dropped, so the host is found through DNS.
   * Teranode's settings.conf names Kubernetes services as `k8s:///peer.<ns>.svc.cluster.local:9904`;
   * that name resolves to the service's address, where Teranode's resolver balances over its pods.
   */
  readonly allowResolverScheme?: boolean;
}

const RESOLVER_SCHEME = /^(?:dns|k8s):\/\/\//;

export function parseHostPort(target: string, rules: HostPortRules): HostPort | undefined {
  const text = rules.allowResolverScheme === true ? target.replace(RESOLVER_SCHEME, '') : target;
  let host: string;
  let portText: string;
  const bracketed = /^\[([^\]]*)\]:([^:]*)$/.exec(text);
  if (bracketed !== null) {
    host = bracketed[1] as string;
    portText = bracketed[2] as string;
    if (hostType(host) !== 'ip6') return undefined;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0 || text.indexOf(':') !== colon) return undefined;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host === '' ? !rules.allowEmptyHost : hostType(host) === undefined) return undefined;
  }
  const port = parsePort(portText, rules.allowPortZero);
  return port === undefined ? undefined : Object.freeze({ host, port });
}

/** `host:port`, with brackets around IPv6 hosts; `:port` for all interfaces. */
export function formatHostPort(address: HostPort): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}`;
}
