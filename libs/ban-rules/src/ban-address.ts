import { isPeerId, quoteInput } from '@teranode-p2p/config';
import {
  formatIPv4,
  formatIPv6,
  isIPv4Mapped,
  maskWords,
  parseIPv4,
  parseIPv6,
  type IpFamily,
} from './ip-address.js';

/** A network prefix: the address words with every bit past `length` cleared. */
export interface CidrPrefix {
  family: IpFamily;
  words: number[];
  length: number;
}

/** What a ban applies to: one address (/32, /128), a wider subnet, or a libp2p peer ID. */
export type BanKind = 'ip' | 'subnet' | 'peer';

export interface AddressTarget {
  kind: 'ip' | 'subnet';
  /** Canonical CIDR text, e.g. `10.0.0.0/24`, `2001:db8::1/128`. */
  value: string;
  prefix: CidrPrefix;
}

export interface PeerTarget {
  kind: 'peer';
  value: string;
}

export type BanTarget = AddressTarget | PeerTarget;

/** A ban target that is not an IP, IP:port, [IPv6]:port, CIDR or peer ID. */
export class BanTargetError extends Error {
  override readonly name = 'BanTargetError';
}

// The longest valid text is `[ffff:…:255.255.255.255]:65535` (53) or a peer ID (≤ 64).
const MAX_TARGET_LENGTH = 64;
const MIN_PEER_ID_LENGTH = 40;

function fail(text: string, why: string): never {
  throw new BanTargetError(`${quoteInput(text)} is not a valid ban target: ${why}`);
}

const FULL_LENGTH: Record<IpFamily, number> = { 4: 32, 6: 128 };

function prefixOf(family: IpFamily, words: number[], length: number): CidrPrefix {
  if (length === FULL_LENGTH[family]) return { family, words, length };
  return { family, words: maskWords(words, length), length };
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`, `::ffff:1.2.3.0/120`) becomes the IPv4 prefix it names. */
function fromIPv6(words: number[], length: number): CidrPrefix {
  if (isIPv4Mapped(words) && length >= 96) return prefixOf(4, words.slice(3), length - 96);
  return prefixOf(6, words, length);
}

export function formatCidr(prefix: CidrPrefix): string {
  const address = prefix.family === 4 ? formatIPv4(prefix.words[0]!) : formatIPv6(prefix.words);
  return `${address}/${prefix.length}`;
}

function parsePort(text: string, portText: string): void {
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) fail(text, 'bad port');
}

function parsePrefixLength(text: string, lengthText: string, max: number): number {
  if (!/^(0|[1-9]\d{0,2})$/.test(lengthText)) fail(text, 'bad prefix length');
  const length = Number(lengthText);
  if (length > max) fail(text, `prefix length ${length} is longer than ${max}`);
  return length;
}

function parseCidrText(text: string): CidrPrefix {
  const slash = text.indexOf('/');
  const addressText = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  const v4 = parseIPv4(addressText);
  if (v4 !== undefined) return prefixOf(4, [v4], parsePrefixLength(text, lengthText, 32));
  const v6 = parseIPv6(addressText);
  if (v6 !== undefined) return fromIPv6(v6, parsePrefixLength(text, lengthText, 128));
  return fail(text, 'the part before / is not an IP address');
}

function parseAddressText(text: string): CidrPrefix | undefined {
  // The common cases first, each a single pass: a bare IPv4, then a bare IPv6.
  const plain = parseIPv4(text);
  if (plain !== undefined) return prefixOf(4, [plain], 32);
  if (text.charCodeAt(0) === 91) {
    const close = text.indexOf(']');
    if (close < 0) fail(text, 'missing ]');
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) fail(text, 'expected :port after ]');
      parsePort(text, rest.slice(1));
    }
    const v6 = parseIPv6(text, 1, close);
    if (v6 === undefined) fail(text, 'not an IPv6 address inside [ ]');
    return fromIPv6(v6, 128);
  }
  const v6 = parseIPv6(text);
  if (v6 !== undefined) return fromIPv6(v6, 128);
  // IPv4:port (exactly one colon; IPv6 needs brackets to carry a port).
  const colon = text.indexOf(':');
  if (colon < 0 || colon !== text.lastIndexOf(':')) return undefined;
  const v4 = parseIPv4(text, 0, colon);
  if (v4 === undefined) return undefined;
  parsePort(text, text.slice(colon + 1));
  return prefixOf(4, [v4], 32);
}

function addressTarget(prefix: CidrPrefix): AddressTarget {
  return {
    kind: prefix.length === FULL_LENGTH[prefix.family] ? 'ip' : 'subnet',
    value: formatCidr(prefix),
    prefix,
  };
}

/**
 * An IP (`1.2.3.4`, `2001:db8::1`), IP with port (`1.2.3.4:8333`, `[2001:db8::1]:8333`) or CIDR
 * (`10.0.0.0/24`) → its canonical prefix: a bare IP is /32 or /128, the port is dropped, host
 * bits of a CIDR are cleared, IPv4-mapped IPv6 becomes IPv4. Anything else throws
 * {@link BanTargetError} naming the text.
 */
export function parseAddressPrefix(text: string): CidrPrefix {
  if (text === '') fail(text, 'it is empty');
  if (text.length > MAX_TARGET_LENGTH) fail(text, 'too long');
  if (text.includes('/')) return parseCidrText(text);
  return parseAddressText(text) ?? fail(text, 'not an IP address, IP:port or CIDR');
}

/** {@link parseAddressPrefix} with the canonical CIDR text and whether it is one address. */
export function parseAddressTarget(text: string): AddressTarget {
  return addressTarget(parseAddressPrefix(text));
}

function orPeerId<T>(text: string, parseAddress: (text: string) => T): T | PeerTarget {
  if (text === '') fail(text, 'it is empty');
  if (text.length > MAX_TARGET_LENGTH) fail(text, 'too long');
  const first = text.charCodeAt(0);
  // Peer IDs are 40+ characters starting with 1 (12D3…, 16Uiu…) or Q (Qm…), without : / .
  if (
    text.length >= MIN_PEER_ID_LENGTH &&
    (first === 49 || first === 81) &&
    !/[:./]/.test(text) &&
    isPeerId(text)
  ) {
    return { kind: 'peer', value: text };
  }
  try {
    return parseAddress(text);
  } catch (error) {
    if (error instanceof BanTargetError && !/[:./[]/.test(text)) {
      fail(text, 'not an IP address, IP:port, CIDR or libp2p peer ID');
    }
    throw error;
  }
}

/** Like {@link parseAddressTarget}, but a libp2p peer ID (`12D3KooW…`, `Qm…`) is accepted too. */
export function parseBanTarget(text: string): BanTarget {
  return orPeerId(text, parseAddressTarget);
}

/** What a lookup needs: the peer ID, or the address prefix without its canonical text. */
export function parseLookupTarget(text: string): PeerTarget | CidrPrefix {
  return orPeerId(text, parseAddressPrefix);
}

/** A peer ID argument (AddBanScore, GetScore): a libp2p peer ID and nothing else. */
export function parsePeerId(text: string): string {
  if (text === '') throw new BanTargetError('peer_id is empty');
  if (text.length > MAX_TARGET_LENGTH || !isPeerId(text)) {
    throw new BanTargetError(`${quoteInput(text)} is not a libp2p peer ID`);
  }
  return text;
}
