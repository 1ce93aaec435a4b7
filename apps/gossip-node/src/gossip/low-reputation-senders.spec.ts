import { describe, expect, it } from '@jest/globals';
import { registerPeer, type PeerRecord } from '@teranode-p2p/peer-registry';
import { Registry } from 'prom-client';
import {
  LOW_REPUTATION_MAX_PEERS,
  LowReputationSenders,
  skipsProcessing,
} from './low-reputation-senders.js';

const peer = (id: string, reputationScore: number): PeerRecord => ({
  ...registerPeer(undefined, { id }, 0),
  reputationScore,
});

async function metric(registry: Registry, name: string): Promise<string> {
  return (await registry.getSingleMetricAsString(name)).split('\n').slice(2).join('\n');
}

describe('skipsProcessing (shouldSkipUnhealthyPeer)', () => {
  it('skips subtree, rejected tx and node_status of a low-reputation sender, never a block', () => {
    for (const kind of ['subtree', 'rejectedTx', 'nodeStatus'] as const) {
      expect(skipsProcessing(kind, true)).toBe(true);
      expect(skipsProcessing(kind, false)).toBe(false);
    }
    for (const kind of ['block', 'miningOn', 'handshake'] as const)
      expect(skipsProcessing(kind, true)).toBe(false);
  });
});

describe('LowReputationSenders', () => {
  it('skips registered peers below 20 only, from the last registry read, and counts by kind', async () => {
    const registry = new Registry();
    const senders = new LowReputationSenders(registry);
    expect(senders.skip('subtree', 'low')).toBe(false); // nothing read yet: unknown
    senders.refresh([peer('low', 5), peer('edge', 20), peer('good', 50)]);
    expect(senders.skip('subtree', 'low')).toBe(true);
    expect(senders.skip('nodeStatus', 'low')).toBe(true);
    expect(senders.skip('block', 'low')).toBe(false);
    expect(senders.skip('subtree', 'edge')).toBe(false);
    expect(senders.skip('subtree', 'unknown')).toBe(false);
    expect(senders.skip('subtree', 'not a peer ID')).toBe(false);
    expect(await metric(registry, 'gossip_node_low_reputation_peers')).toBe(
      'gossip_node_low_reputation_peers 1',
    );
    expect(await metric(registry, 'gossip_node_low_reputation_skips_total')).toBe(
      [
        'gossip_node_low_reputation_skips_total{kind="subtree"} 1',
        'gossip_node_low_reputation_skips_total{kind="nodeStatus"} 1',
      ].join('\n'),
    );
    senders.refresh([peer('low', 30)]); // recovered
    expect(senders.skip('subtree', 'low')).toBe(false);
  });

  it(`holds at most ${LOW_REPUTATION_MAX_PEERS} peers`, async () => {
    const registry = new Registry();
    const senders = new LowReputationSenders(registry);
    const many = Array.from({ length: LOW_REPUTATION_MAX_PEERS + 5 }, (_, i) => peer(`p${i}`, 1));
    senders.refresh(many);
    expect(await metric(registry, 'gossip_node_low_reputation_peers')).toBe(
      `gossip_node_low_reputation_peers ${LOW_REPUTATION_MAX_PEERS}`,
    );
    expect(senders.skip('subtree', 'p0')).toBe(true);
    expect(senders.skip('subtree', `p${LOW_REPUTATION_MAX_PEERS}`)).toBe(false);
  });
});
