import { isDnsName, isIpv4Address, isIpv6Address, parsePort } from './hosts.js';
import { isPeerId } from './peer-id.js';

/**
 * A strict parser for the only multiaddr shapes this product uses:
 * `/<ip4|ip6|dns|dns4|dns6>/<host>/tcp/<port>[/p2p/<peer id>]`.
 * Anything else (other protocols, missing parts, trailing slashes) is rejected.
 */

export type MultiaddrHostProtocol = 'ip4' | 'ip6' | 'dns' | 'dns4' | 'dns6';

export interface ParsedMultiaddr {
  readonly hostProtocol: MultiaddrHostProtocol;
  readonly host: string;
  readonly port: number;
  readonly peerId: string | undefined;
}

export interface MultiaddrRules {
  /** `/p2p/<id>`: 'required', 'optional' or 'forbidden'. */
  readonly peerId: 'required' | 'optional' | 'forbidden';
  /** Admit `/tcp/0` (listen on a port the OS picks). */
  readonly allowPortZero?: boolean;
}

const HOST_CHECKS: Readonly<Record<MultiaddrHostProtocol, (host: string) => boolean>> = {
  ip4: isIpv4Address,
  ip6: isIpv6Address,
  dns: isDnsName,
  dns4: isDnsName,
  dns6: isDnsName,
};

function isHostProtocol(name: string): name is MultiaddrHostProtocol {
  return Object.hasOwn(HOST_CHECKS, name);
}

/** Returns the parsed multiaddr, or undefined if `text` is not one of the accepted shapes. */
export function parseMultiaddr(text: string, rules: MultiaddrRules): ParsedMultiaddr | undefined {
  if (!text.startsWith('/')) return undefined;
  const parts = text.slice(1).split('/');
  if (parts.length !== 4 && parts.length !== 6) return undefined;
  const [hostProtocol, host, transport, portText, p2p, peerId] = parts as [
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  if (!isHostProtocol(hostProtocol) || !HOST_CHECKS[hostProtocol](host)) return undefined;
  if (transport !== 'tcp') return undefined;
  const port = parsePort(portText, rules.allowPortZero);
  if (port === undefined) return undefined;
  if (p2p === undefined) {
    return rules.peerId === 'required'
      ? undefined
      : { hostProtocol, host, port, peerId: undefined };
  }
  if (rules.peerId === 'forbidden' || p2p !== 'p2p' || !isPeerId(peerId as string))
    return undefined;
  return { hostProtocol, host, port, peerId };
}

export interface ParsedDnsaddr {
  readonly domain: string;
  readonly peerId: string | undefined;
}

/**
 * `/dnsaddr/<domain>[/p2p/<peer id>]`: the peers listed in the TXT records of `_dnsaddr.<domain>`
 * (libp2p resolves it when dialling), as Teranode's settings.conf names its bootstrap peers.
 */
export function parseDnsaddr(text: string): ParsedDnsaddr | undefined {
  const parts = text.split('/');
  if (parts[0] !== '' || parts[1] !== 'dnsaddr' || (parts.length !== 3 && parts.length !== 5))
    return undefined;
  const [, , domain, p2p, peerId] = parts as [string, string, string, string?, string?];
  if (!isDnsName(domain)) return undefined;
  if (p2p === undefined) return { domain, peerId: undefined };
  return p2p === 'p2p' && isPeerId(peerId as string) ? { domain, peerId } : undefined;
}
