import type { PeerId } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import {
  type DnsaddrResolution,
  resolveBootstrapEntry,
  type TxtLookup,
} from './dnsaddr-resolver.js';

export interface RedialPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_REDIAL_POLICY: RedialPolicy = { initialDelayMs: 500, maxDelayMs: 30_000 };

interface StaticPeer {
  /** As configured: one peer's multiaddr, or a `/dnsaddr/` name that lists several. */
  readonly address: string;
  readonly isDnsaddr: boolean;
  /** Its peer ID, or those of the peers a `/dnsaddr/` name listed that answered last time. */
  peerIds: Set<string>;
  failures: number;
  timer: NodeJS.Timeout | undefined;
  dialing: boolean;
}

/** What dialling one configured entry found. */
export interface EntryDialResult {
  readonly connected: string[];
  /** The name that could not be resolved, or the listed peers that did not answer, with why. */
  readonly failed: string[];
  /** TXT records that name no dialable peer, with why (worth a warning, not another try). */
  readonly skipped: string[];
}

/**
 * Dials every peer `entry` names (a `/dnsaddr/` name resolved first) at once. A name that cannot
 * be resolved is one failure; so is each listed peer that does not answer.
 */
export async function dialEntry(
  host: Libp2pHost,
  entry: string,
  lookup: TxtLookup,
): Promise<EntryDialResult> {
  let resolution: DnsaddrResolution;
  try {
    resolution = await resolveBootstrapEntry(entry, lookup);
  } catch (error) {
    return { connected: [], failed: [(error as Error).message], skipped: [] };
  }
  const dials = await Promise.allSettled(
    resolution.addresses.map((address) => host.dial(multiaddr(address))),
  );
  const connected: string[] = [];
  const failed: string[] = [];
  dials.forEach((dial, i) => {
    if (dial.status === 'fulfilled') connected.push(dial.value.remotePeer.toString());
    else failed.push(`${resolution.addresses[i]}: ${(dial.reason as Error).message}`);
  });
  if (resolution.addresses.length === 0) failed.push('its TXT records list no peer to dial');
  return { connected, failed, skipped: resolution.skipped };
}

/** Delay before the next attempt after `failures` failed dials: doubling, capped, ±20 % jitter. */
export function redialDelay(policy: RedialPolicy, failures: number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(failures, 30));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export interface StaticPeerDialerOptions {
  readonly lookup: TxtLookup;
  readonly onDialError: (address: string, failed: string[], retryInMs: number) => void;
  readonly onSkipped: (address: string, skipped: string[]) => void;
  readonly policy?: RedialPolicy;
}

/**
 * Keeps the static peers (and persistent bootstrap peers) connected: dials each at start and
 * again, with backoff, whenever the dial fails or the last connection to it closes. A
 * `/dnsaddr/` entry is resolved at every attempt and all the peers it lists are dialled; it is
 * tried again, with backoff, while any of them does not answer.
 */
export class StaticPeerDialer {
  private readonly peers: StaticPeer[];
  private stopped = false;

  constructor(
    private readonly host: Libp2pHost,
    addresses: readonly string[],
    private readonly options: StaticPeerDialerOptions,
  ) {
    this.peers = [...new Set(addresses)].map((address) => {
      const components = multiaddr(address).getComponents();
      const isDnsaddr = components.some((c) => c.name === 'dnsaddr');
      const peerId = isDnsaddr ? undefined : components.find((c) => c.name === 'p2p')?.value;
      return {
        address,
        isDnsaddr,
        peerIds: new Set(peerId === undefined ? [] : [peerId]),
        failures: 0,
        timer: undefined,
        dialing: false,
      };
    });
  }

  /** The peer IDs of the static peers known so far (from the address or a first connection). */
  peerIds(): Set<string> {
    return new Set(this.peers.flatMap((p) => [...p.peerIds]));
  }

  private policy(): RedialPolicy {
    return this.options.policy ?? DEFAULT_REDIAL_POLICY;
  }

  start(): void {
    this.host.addEventListener('peer:disconnect', this.onDisconnect);
    for (const peer of this.peers) void this.dial(peer);
  }

  stop(): void {
    this.stopped = true;
    this.host.removeEventListener('peer:disconnect', this.onDisconnect);
    for (const peer of this.peers) clearTimeout(peer.timer);
  }

  private readonly onDisconnect = (event: CustomEvent<PeerId>): void => {
    const id = event.detail.toString();
    for (const peer of this.peers) {
      if (peer.peerIds.has(id)) this.schedule(peer, this.policy().initialDelayMs);
    }
  };

  private schedule(peer: StaticPeer, delayMs: number): void {
    if (this.stopped || peer.timer !== undefined) return;
    peer.timer = setTimeout(() => {
      peer.timer = undefined;
      void this.dial(peer);
    }, delayMs);
  }

  private async dial(peer: StaticPeer): Promise<void> {
    if (this.stopped || peer.dialing) return;
    peer.dialing = true;
    try {
      const { connected, failed, skipped } = await dialEntry(
        this.host,
        peer.address,
        this.options.lookup,
      );
      if (skipped.length > 0) this.options.onSkipped(peer.address, skipped);
      // A name's list may change between lookups: the set is this round's (≤ MAX_DNSADDR_ADDRESSES).
      if (peer.isDnsaddr) peer.peerIds = new Set(connected);
      else for (const id of connected) peer.peerIds.add(id);
      if (failed.length === 0) {
        peer.failures = 0;
      } else {
        const delay = redialDelay(this.policy(), peer.failures++);
        this.options.onDialError(peer.address, failed, delay);
        this.schedule(peer, delay);
      }
    } finally {
      peer.dialing = false;
    }
  }
}
