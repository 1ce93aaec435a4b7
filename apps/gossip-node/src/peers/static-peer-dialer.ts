import type { PeerId } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2pHost } from '../host/create-libp2p-host.js';

export interface RedialPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_REDIAL_POLICY: RedialPolicy = { initialDelayMs: 500, maxDelayMs: 30_000 };

interface StaticPeer {
  readonly address: string;
  peerId: string | undefined;
  failures: number;
  timer: NodeJS.Timeout | undefined;
  dialing: boolean;
}

/** Delay before the next attempt after `failures` failed dials: doubling, capped, ±20 % jitter. */
export function redialDelay(policy: RedialPolicy, failures: number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(failures, 30));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Keeps the static peers (and persistent bootstrap peers) connected: dials each at start and
 * again, with backoff, whenever the dial fails or the last connection to it closes.
 */
export class StaticPeerDialer {
  private readonly peers: StaticPeer[];
  private stopped = false;

  constructor(
    private readonly host: Libp2pHost,
    addresses: readonly string[],
    private readonly onDialError: (address: string, error: Error, retryInMs: number) => void,
    private readonly policy: RedialPolicy = DEFAULT_REDIAL_POLICY,
  ) {
    this.peers = [...new Set(addresses)].map((address) => ({
      address,
      peerId: multiaddr(address)
        .getComponents()
        .find((c) => c.name === 'p2p')?.value,
      failures: 0,
      timer: undefined,
      dialing: false,
    }));
  }

  /** The peer IDs of the static peers known so far (from the address or a first connection). */
  peerIds(): Set<string> {
    return new Set(this.peers.flatMap((p) => (p.peerId ? [p.peerId] : [])));
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
      if (peer.peerId === id) this.schedule(peer, this.policy.initialDelayMs);
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
      const connection = await this.host.dial(multiaddr(peer.address));
      peer.peerId = connection.remotePeer.toString();
      peer.failures = 0;
    } catch (error) {
      const delay = redialDelay(this.policy, peer.failures++);
      this.onDialError(peer.address, error as Error, delay);
      this.schedule(peer, delay);
    } finally {
      peer.dialing = false;
    }
  }
}
