import { isIPv4Mapped, parseIPv4, parseIPv6 } from '@teranode-p2p/ban-rules';
import { quoteInput } from '@teranode-p2p/config';

/**
 * The DataHub URL check of Teranode's P2P service (reference-peer-registry.md §7.2;
 * `validateDataHubURL`, `isUnsafeIP` and `isLocalhostHostname` in services/p2p/server_helpers.go):
 * a peer's DataHub URL (block, subtree) or base URL (node_status) is fetched by this network's
 * Teranode services, so it must be http(s), name a host, and, unless private addresses are
 * allowed, not point at this machine or its private network (SSRF).
 *
 * Stricter than Go where Go lets an internal address through under another spelling (each is a
 * way the same host is reached): host names are compared in lower case and without a trailing
 * dot (`LOCALHOST.`), IPv4 written as a number, in octal or hex, or with fewer parts (`127.1`,
 * `0x7f.1`, `2130706433`, `0177.0.0.1`, which C resolvers and browsers read as 127.0.0.1) is
 * classified as the address it denotes, an IPv6 zone (`[fe80::1%25eth0]`) is classified without
 * it, and a host that ends in a number without being an IPv4 address (`256.1.1.1`, `a.1`), or
 * that Go's parser would refuse (percent escapes, characters outside RFC 3986), is not a URL.
 */

/** Where an IP address points, in the order Go's `isUnsafeIP` asks. */
export type AddressScope = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'public';

/** Why a URL is refused: not a usable http(s) URL, or one at an internal address. */
export type UrlProblemReason = 'bad_url' | 'private_url';

export interface UrlProblem {
  readonly reason: UrlProblemReason;
  readonly detail: string;
}

export interface UrlCheckOptions {
  /** `p2p_allow_private_ips`: skip the address checks (a local network announces 127.0.0.1). */
  readonly allowPrivateIps: boolean;
}

function ipv4Scope(value: number): AddressScope {
  const a = value >>> 24;
  const b = (value >>> 16) & 0xff;
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && (b & 0xf0) === 16) || (a === 192 && b === 168)) return 'private';
  // 169.254/16 unicast, 224.0.0/24 multicast
  if ((a === 169 && b === 254) || value >>> 8 === 0xe00000) return 'link-local';
  if (value === 0) return 'unspecified';
  return 'public';
}

function ipv6Scope(words: readonly number[]): AddressScope {
  // Go's net.IP methods see ::ffff:a.b.c.d as the IPv4 address a.b.c.d.
  if (isIPv4Mapped(words)) return ipv4Scope(words[3]!);
  const [w0, w1, w2, w3] = words as [number, number, number, number];
  const zeroAbove = w0 === 0 && w1 === 0 && w2 === 0;
  if (zeroAbove && w3 === 1) return 'loopback';
  if (w0 >>> 25 === 0xfc >>> 1) return 'private'; // fc00::/7
  // fe80::/10 unicast, ffX2::/16 multicast
  if (w0 >>> 22 === 0xfe80 >>> 6 || (w0 >>> 24 === 0xff && ((w0 >>> 16) & 0x0f) === 2))
    return 'link-local';
  if (zeroAbove && w3 === 0) return 'unspecified';
  return 'public';
}

/**
 * The scope of an IP literal as Go's `net.ParseIP` reads it (dotted-decimal IPv4 without
 * leading zeros, IPv6 without a zone), or undefined when `text` is not one.
 */
export function ipAddressScope(text: string): AddressScope | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return ipv4Scope(v4);
  const v6 = parseIPv6(text);
  return v6 === undefined ? undefined : ipv6Scope(v6);
}

/** `localhost` or a name under it (RFC 6761), in any case, with or without the root dot. */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

interface SplitUrl {
  readonly scheme: string;
  /** Go's `URL.Hostname()`: no port, no brackets; '' when the URL has no authority. */
  readonly hostname: string;
  readonly bracketed: boolean;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
// RFC 3986 reg-name characters less percent escapes (Go refuses escapes of ASCII in a host)
const HOST_NAME = /^[A-Za-z0-9._~!$&'()*+,;=-]+$/;
const USER_INFO = /^[A-Za-z0-9._~!$&'()*+,;=:%@-]*$/;
const PORT = /^(?::\d*)?$/;

/** Scheme and host as Go's `url.Parse` finds them; a string when Go would refuse the URL. */
function splitUrl(text: string): SplitUrl | string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'invalid control character in URL';
  const scheme = SCHEME.exec(text);
  if (scheme === null) return { scheme: '', hostname: '', bracketed: false };
  const rest = text.slice(scheme[0].length).replace(/[?#].*$/s, '');
  const result = { scheme: scheme[1]!.toLowerCase(), hostname: '', bracketed: false };
  if (!rest.startsWith('//')) return result; // opaque (http:host) or no authority
  const authority = rest.slice(2).replace(/\/.*$/s, '');
  const at = authority.lastIndexOf('@');
  if (at >= 0 && !USER_INFO.test(authority.slice(0, at))) return 'invalid userinfo';
  const hostPort = authority.slice(at + 1);
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return 'missing ] in host';
    if (!PORT.test(hostPort.slice(close + 1))) return 'invalid port after host';
    return { ...result, hostname: hostPort.slice(1, close), bracketed: true };
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0 && !PORT.test(hostPort.slice(colon))) return 'invalid port';
  const hostname = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
  if (hostname !== '' && !HOST_NAME.test(hostname))
    return `invalid character in host name ${quoteInput(hostname)}`;
  return { ...result, hostname };
}

/** An IPv4 number in any form a C resolver or browser reads (`127.1`, `0x7f.1`, `2130706433`). */
function looseIPv4(name: string): string | undefined {
  try {
    const host = new URL(`http://${name}/`).hostname;
    return parseIPv4(host) === undefined ? undefined : host;
  } catch {
    return undefined;
  }
}

type HostScope = { scope: AddressScope | 'localhost' } | { invalid: string };

/** Where a host name or address points, or why it is no host. */
function hostScope(hostname: string, bracketed: boolean): HostScope {
  if (bracketed) {
    const zone = hostname.indexOf('%');
    const scope = ipAddressScope(zone < 0 ? hostname : hostname.slice(0, zone));
    return scope ? { scope } : { invalid: `${quoteInput(hostname)} is not an IPv6 address` };
  }
  const scope = ipAddressScope(hostname);
  if (scope !== undefined) return { scope };
  if (isLocalhostName(hostname)) return { scope: 'localhost' };
  const lastLabel = hostname.replace(/\.$/, '').split('.').at(-1)!;
  if (!/^(?:0x[0-9a-f]*|\d+)$/i.test(lastLabel)) return { scope: 'public' };
  const v4 = looseIPv4(hostname);
  return v4 === undefined
    ? { invalid: `${quoteInput(hostname)} ends in a number but is not an IPv4 address` }
    : { scope: ipAddressScope(v4)! };
}

/**
 * Checks a DataHub or base URL as Teranode's `validateDataHubURL` does; undefined when it is
 * fine. `field` names the URL in the detail.
 */
export function checkDataHubUrl(
  url: string,
  options: UrlCheckOptions,
  field = 'DataHubURL',
): UrlProblem | undefined {
  const bad = (detail: string): UrlProblem => ({ reason: 'bad_url', detail: `${field} ${detail}` });
  if (url === '') return bad('is empty');
  const split = splitUrl(url);
  if (typeof split === 'string') return bad(`${quoteInput(url)} is invalid: ${split}`);
  if (split.scheme !== 'http' && split.scheme !== 'https')
    return bad(
      `${quoteInput(url)} has invalid scheme ${quoteInput(split.scheme)} (only http/https allowed)`,
    );
  if (split.hostname === '') return bad(`${quoteInput(url)} has no hostname`);
  if (options.allowPrivateIps) return undefined;
  const host = hostScope(split.hostname, split.bracketed);
  if ('invalid' in host) return bad(`${quoteInput(url)} is invalid: ${host.invalid}`);
  if (host.scope === 'public') return undefined;
  const where = host.scope === 'localhost' ? 'localhost' : `${host.scope} address`;
  return { reason: 'private_url', detail: `${field} ${quoteInput(url)} points to ${where}` };
}
