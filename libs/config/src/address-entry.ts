import { hostType, isWildcardAddress } from './hosts.js';
import { parseHostPort } from './host-port.js';
import { parseMultiaddr } from './multiaddr.js';

/**
 * One entry of `p2p_listen_addresses` or `p2p_advertise_addresses` (reference-wire.md §7.2):
 * a bare IP or host name (`203.0.113.1`, `::1`, `node.example.com`), the same with a port
 * (`203.0.113.1:9905`, `[::1]:9905`, `node.example.com:9905`), or a full multiaddr
 * (`/ip4/203.0.113.1/tcp/9905`). Unlike the legacy Go code, IPv6 entries work.
 */
export interface AddressEntry {
  readonly hostProtocol: 'ip4' | 'ip6' | 'dns' | 'dns4' | 'dns6';
  readonly host: string;
  /** Undefined when the entry names no port: `p2p_port` applies. */
  readonly port: number | undefined;
}

export type AddressRole = 'listen' | 'advertise';

/**
 * Listen entries must be IP addresses (a socket binds to an IP) and may use port 0;
 * advertise entries may be host names but not the any-address, and need a real port.
 */
export function parseAddressEntry(text: string, role: AddressRole): AddressEntry | undefined {
  const entry = parseAnyAddressEntry(text, role);
  if (entry === undefined) return undefined;
  if (role === 'listen' && entry.hostProtocol !== 'ip4' && entry.hostProtocol !== 'ip6') {
    return undefined;
  }
  if (role === 'advertise' && isWildcardAddress(entry.host)) return undefined;
  return Object.freeze(entry);
}

function parseAnyAddressEntry(text: string, role: AddressRole): AddressEntry | undefined {
  if (text.startsWith('/')) {
    const addr = parseMultiaddr(text, { peerId: 'forbidden', allowPortZero: role === 'listen' });
    return addr && { hostProtocol: addr.hostProtocol, host: addr.host, port: addr.port };
  }
  const bare = hostType(text);
  if (bare !== undefined) return { hostProtocol: bareProtocol(bare), host: text, port: undefined };
  const withPort = parseHostPort(text, { allowEmptyHost: false, allowPortZero: role === 'listen' });
  if (withPort === undefined) return undefined;
  const type = hostType(withPort.host) as 'ip4' | 'ip6' | 'dns';
  return { hostProtocol: bareProtocol(type), host: withPort.host, port: withPort.port };
}

/** Host names become `/dns4/…`, as the legacy go-p2p `buildAdvertiseMultiAddrs` did. */
function bareProtocol(type: 'ip4' | 'ip6' | 'dns'): AddressEntry['hostProtocol'] {
  return type === 'dns' ? 'dns4' : type;
}

/** The entry as a multiaddr, with `defaultPort` (normally `p2p_port`) when it names none. */
export function addressEntryToMultiaddr(entry: AddressEntry, defaultPort: number): string {
  return `/${entry.hostProtocol}/${entry.host}/tcp/${entry.port ?? defaultPort}`;
}

/** The canonical text of an entry: a multiaddr when it has a port, else the bare host. */
export function formatAddressEntry(entry: AddressEntry): string {
  if (entry.port === undefined) return entry.host;
  return addressEntryToMultiaddr(entry, entry.port);
}
