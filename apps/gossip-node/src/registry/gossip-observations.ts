import { peer_registry } from '@teranode-p2p/contracts';
import { collectedGauge } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';

/** What one accepted gossip message tells the registry about its author. */
export interface GossipSighting {
  peerId: string;
  bytes: number;
  atMs: number;
  status?: peer_registry.PeerStatus;
}

/** An observation's protobuf bytes besides its text: numbers, tags and lengths. */
const OBSERVATION_OVERHEAD_BYTES = 48;

function statusText(status: peer_registry.PeerStatus | undefined): number {
  if (status === undefined) return 0;
  return (
    status.block_hash.length +
    status.data_hub_url.length +
    status.client_name.length +
    status.storage.length
  );
}

interface Pending {
  bytes: number;
  lastMessageAtMs: number;
  status: peer_registry.PeerStatus | undefined;
  connection: peer_registry.Connection;
}

/**
 * What gossip tells the shared registry, coalesced per peer between flushes (one database
 * transaction per flush instead of one per message): bytes add up, the newest message time and
 * node_status win, the last connection change wins. Bounded in peers; a sighting of a new peer
 * beyond the bound is dropped and counted. A batch ban-service did not take is merged back, so
 * an outage loses nothing the bound can hold.
 */
export class GossipObservations {
  private pending = new Map<string, Pending>();
  private readonly dropped: Counter;

  constructor(
    readonly maxPeers: number,
    registry: Registry,
  ) {
    collectedGauge(registry, () => this.pending.size, {
      name: 'gossip_node_registry_pending_peers',
      help: `Peers with gossip not yet sent to the peer registry (bound ${maxPeers})`,
    });
    this.dropped = new Counter({
      name: 'gossip_node_registry_observations_dropped_total',
      help: 'Gossip sightings of new peers dropped because the pending set was full',
      registers: [registry],
    });
  }

  get size(): number {
    return this.pending.size;
  }

  seen(sighting: GossipSighting): void {
    const entry = this.entry(sighting.peerId);
    if (entry === undefined) return;
    entry.bytes += sighting.bytes;
    entry.lastMessageAtMs = Math.max(entry.lastMessageAtMs, sighting.atMs);
    if (sighting.status !== undefined) entry.status = sighting.status;
  }

  connection(peerId: string, connected: boolean): void {
    const entry = this.entry(peerId);
    if (entry === undefined) return;
    entry.connection = connected
      ? peer_registry.Connection.CONNECTED
      : peer_registry.Connection.DISCONNECTED;
  }

  /**
   * The peers pending longest, as one batch of at most `maxPeers` observations and about
   * `maxBytes` of text (at least one observation); they leave the set.
   */
  take(maxPeers = Infinity, maxBytes = Infinity): peer_registry.GossipBatch {
    const observations: peer_registry.GossipObservation[] = [];
    let bytes = 0;
    for (const [peerId, entry] of this.pending) {
      const size = OBSERVATION_OVERHEAD_BYTES + peerId.length + statusText(entry.status);
      if (observations.length > 0 && (observations.length >= maxPeers || bytes + size > maxBytes))
        break;
      this.pending.delete(peerId);
      bytes += size;
      observations.push({
        peer_id: peerId,
        bytes_received: String(entry.bytes),
        last_message_at: String(entry.lastMessageAtMs),
        status: entry.status,
        connection: entry.connection,
      });
    }
    return { observations, connected_for_ms: 0, reporter: '' };
  }

  /** Puts back a batch that was not applied, under what arrived since. */
  restore(batch: peer_registry.GossipBatch): void {
    for (const seen of batch.observations) {
      const newer = this.pending.get(seen.peer_id);
      const entry = this.entry(seen.peer_id);
      if (entry === undefined) continue;
      entry.bytes += Number(seen.bytes_received);
      entry.lastMessageAtMs = Math.max(entry.lastMessageAtMs, Number(seen.last_message_at));
      entry.status = newer?.status ?? seen.status;
      if (
        newer?.connection === undefined ||
        newer.connection === peer_registry.Connection.UNCHANGED
      )
        entry.connection = seen.connection;
    }
  }

  private entry(peerId: string): Pending | undefined {
    let entry = this.pending.get(peerId);
    if (entry !== undefined) return entry;
    if (this.pending.size >= this.maxPeers) {
      this.dropped.inc();
      return undefined;
    }
    entry = {
      bytes: 0,
      lastMessageAtMs: 0,
      status: undefined,
      connection: peer_registry.Connection.UNCHANGED,
    };
    this.pending.set(peerId, entry);
    return entry;
  }
}
