import { addressEntryToMultiaddr } from './address-entry.js';
import type { Settings } from './settings-schema.js';

/**
 * The libp2p listen multiaddrs: each `p2p_listen_addresses` entry (with `p2p_port` where it
 * names no port), or all IPv4 and IPv6 interfaces on `p2p_port` when the list is empty.
 */
export function listenMultiaddrs(
  settings: Pick<Settings, 'p2p_port' | 'p2p_listen_addresses'>,
): readonly string[] {
  const entries = settings.p2p_listen_addresses;
  if (entries.length === 0) {
    return Object.freeze([
      `/ip4/0.0.0.0/tcp/${settings.p2p_port}`,
      `/ip6/::/tcp/${settings.p2p_port}`,
    ]);
  }
  return Object.freeze(entries.map((entry) => addressEntryToMultiaddr(entry, settings.p2p_port)));
}

/**
 * The multiaddrs to announce instead of the detected ones; empty means "announce what libp2p
 * detects".
 */
export function advertiseMultiaddrs(
  settings: Pick<Settings, 'p2p_port' | 'p2p_advertise_addresses'>,
): readonly string[] {
  return Object.freeze(
    settings.p2p_advertise_addresses.map((entry) =>
      addressEntryToMultiaddr(entry, settings.p2p_port),
    ),
  );
}
