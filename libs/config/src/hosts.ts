import { isIPv4, isIPv6 } from 'node:net';

/**
 * Host-name and IP checks shared by the address kinds. IPv4 must be dotted decimal,
 * IPv6 must not carry a zone (`%eth0`): neither form is accepted by libp2p multiaddrs.
 */

export type HostType = 'ip4' | 'ip6' | 'dns';

const DNS_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/**
 * An RFC 1123 host name (underscores tolerated, as Docker service names use them).
 * A name whose last label is all digits is rejected: no top-level domain is numeric, so
 * `256.1.1.1` is a broken IPv4 address, not a host name.
 */
export function isDnsName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.split('.');
  if (!labels.every((label) => DNS_LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] as string);
}

export function isIpv4Address(text: string): boolean {
  return isIPv4(text);
}

export function isIpv6Address(text: string): boolean {
  return !text.includes('%') && isIPv6(text);
}

/** What kind of host `text` is, or undefined if it is none. */
export function hostType(text: string): HostType | undefined {
  if (isIpv4Address(text)) return 'ip4';
  if (isIpv6Address(text)) return 'ip6';
  if (isDnsName(text)) return 'dns';
  return undefined;
}

/** True for the any-address of either family (`0.0.0.0`, `::`). */
export function isWildcardAddress(host: string): boolean {
  return host === '0.0.0.0' || (isIpv6Address(host) && /^[0:]+$/.test(host));
}

/** Parses a decimal TCP port; `allowZero` admits 0 (the OS picks a free port). */
export function parsePort(text: string, allowZero = false): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  if (port > 65535 || (port === 0 && !allowZero)) return undefined;
  return port;
}
