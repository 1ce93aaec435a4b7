import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { AnnouncerMemory } from './announcer-memory.js';

const announcement = (kind: 'block' | 'subtree', hash: string, announcer: string, url = '') => ({
  kind,
  hash,
  announcer,
  url,
  message: { hash, URL: url, peer_id: announcer },
});

describe('AnnouncerMemory', () => {
  it('answers who announced a block or subtree, falling back to the peer serving a URL', () => {
    const memory = new AnnouncerMemory({ maxSize: 10, ttlMs: 60_000 }, new Registry());
    memory.rememberAnnouncement(announcement('block', 'b1', 'peer-a', 'https://a/api'));
    memory.rememberAnnouncement(announcement('subtree', 's1', 'peer-b'));
    memory.rememberUrl('https://c/api', 'peer-c');
    expect(memory.peerForBlock('b1')).toBe('peer-a');
    expect(memory.peerForBlock('s1')).toBeUndefined();
    expect(memory.peerForSubtree('s1', 'https://c/api')).toBe('peer-b');
    expect(memory.peerForSubtree('s2', 'https://c/api')).toBe('peer-c');
    expect(memory.peerForSubtree('s2', 'https://a/api')).toBe('peer-a');
    expect(memory.peerForSubtree('s2', '')).toBeUndefined();
    memory.forget('block', 'b1');
    expect(memory.peerForBlock('b1')).toBeUndefined();
  });

  it('publishes the size of each map and what it dropped as metrics', async () => {
    const registry = new Registry();
    const memory = new AnnouncerMemory({ maxSize: 2, ttlMs: 60_000 }, registry);
    for (const hash of ['b1', 'b2', 'b3'])
      memory.rememberAnnouncement(announcement('block', hash, 'p'));
    const text = await registry.metrics();
    expect(text).toContain('kafka_bridge_peer_map_entries{map="block"} 2');
    expect(text).toContain('kafka_bridge_peer_map_entries{map="subtree"} 0');
    expect(text).toContain('kafka_bridge_peer_map_dropped_total{map="block",cause="full"} 1');
    memory.rememberAnnouncement(announcement('block', 'b4', 'p'));
    expect(await registry.metrics()).toContain(
      'kafka_bridge_peer_map_dropped_total{map="block",cause="full"} 2',
    );
  });
});
