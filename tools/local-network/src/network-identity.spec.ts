import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadOrCreateIdentity } from './network-identity.js';

describe('loadOrCreateIdentity', () => {
  it('creates keys once and returns the same identity on the next start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'identity-')), 'network.json');
    const first = await loadOrCreateIdentity(file, 3);
    expect(first.nodes.map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
    expect(
      first.nodes.every((n) => /^12D3KooW/.test(n.peerId) && n.privateKeyHex.length === 128),
    ).toBe(true);
    expect(first.sharedKeyHex).toMatch(/^[0-9a-f]{64}$/);
    const second = await loadOrCreateIdentity(file, 3);
    expect(second).toEqual(first);
    const more = await loadOrCreateIdentity(file, 4);
    expect(more.nodes.slice(0, 3)).toEqual(first.nodes);
    expect(more.nodes).toHaveLength(4);
  });

  it('refuses a file whose key does not match its peer ID', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'identity-')), 'network.json');
    const identity = await loadOrCreateIdentity(file, 2);
    identity.nodes[0]!.peerId = identity.nodes[1]!.peerId;
    writeFileSync(file, JSON.stringify(identity));
    await expect(loadOrCreateIdentity(file, 2)).rejects.toThrow(
      'the key of node1 does not match its peer ID',
    );
    expect(JSON.parse(readFileSync(file, 'utf8')).nodes[0].peerId).toBe(identity.nodes[1]!.peerId);
  });
});
