import { BoundedTtlMap } from '@teranode-p2p/bounded-collections';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { AnnouncementRecord } from '@teranode-p2p/kafka-translation';

export interface AnnouncerMemoryOptions {
  maxSize: number;
  ttlMs: number;
}

type MapName = 'block' | 'subtree' | 'data_hub_url';

/**
 * Who announced which block and subtree hash, and which peer serves which DataHub URL, so an
 * invalid-block or invalid-subtree report can be charged to the right peer. Every map is
 * bounded in size and time; sizes and drops are metrics.
 */
export class AnnouncerMemory {
  private readonly maps: Record<MapName, BoundedTtlMap<string, string>>;

  constructor(options: AnnouncerMemoryOptions, registry: Registry) {
    const map = () => new BoundedTtlMap<string, string>(options);
    this.maps = { block: map(), subtree: map(), data_hub_url: map() };
    const maps = this.maps;
    new Gauge({
      name: 'kafka_bridge_peer_map_entries',
      help: 'Entries in each hash/URL → announcing peer map.',
      labelNames: ['map'],
      registers: [registry],
      collect() {
        for (const [name, m] of Object.entries(maps)) this.set({ map: name }, m.size);
      },
    });
    const reported = new Map<string, number>();
    new Counter({
      name: 'kafka_bridge_peer_map_dropped_total',
      help: 'Entries dropped from each map: evicted because it was full, or expired.',
      labelNames: ['map', 'cause'],
      registers: [registry],
      collect() {
        for (const [name, m] of Object.entries(maps)) {
          const stats = m.stats();
          for (const [cause, total] of [
            ['full', stats.evictedForSize],
            ['expired', stats.expired],
          ] as const) {
            const id = `${name}/${cause}`;
            const delta = total - (reported.get(id) ?? 0);
            if (delta > 0) this.inc({ map: name, cause }, delta);
            reported.set(id, total);
          }
        }
      },
    });
  }

  rememberAnnouncement(announcement: AnnouncementRecord): void {
    this.maps[announcement.kind].set(announcement.hash, announcement.announcer);
    if (announcement.url !== '') this.rememberUrl(announcement.url, announcement.announcer);
  }

  rememberUrl(url: string, peerId: string): void {
    this.maps.data_hub_url.set(url, peerId);
  }

  peerForBlock(hash: string): string | undefined {
    return this.maps.block.get(hash);
  }

  /** The subtree's announcer, else the peer serving `peerUrl` (reference §7.3). */
  peerForSubtree(hash: string, peerUrl: string): string | undefined {
    return (
      this.maps.subtree.get(hash) ??
      (peerUrl === '' ? undefined : this.maps.data_hub_url.get(peerUrl))
    );
  }

  /** A hash is charged once: its entry goes after the score was added. */
  forget(kind: 'block' | 'subtree', hash: string): void {
    this.maps[kind].delete(hash);
  }

  sweep(): void {
    for (const m of Object.values(this.maps)) m.sweep();
  }
}
