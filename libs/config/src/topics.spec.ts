import { describe, expect, it } from '@jest/globals';
import { loadSettings } from './load-settings.js';
import { gossipTopicName, gossipTopicPrefix, gossipTopics, joinedGossipTopics } from './topics.js';

describe('gossip topics', () => {
  it('mainnet + block → teranode/bitcoin/1.0.0/mainnet-block', () => {
    expect(gossipTopicName('mainnet', 'block')).toBe('teranode/bitcoin/1.0.0/mainnet-block');
    expect(gossipTopicPrefix('teratestnet')).toBe('teranode/bitcoin/1.0.0/teratestnet');
  });

  it('names every topic from the settings', () => {
    const settings = loadSettings({
      env: { network: 'regtest', p2p_block_topic: 'blk' },
      only: ['network', 'gossip'],
    });
    expect(gossipTopics(settings)).toEqual({
      block: 'teranode/bitcoin/1.0.0/regtest-blk',
      subtree: 'teranode/bitcoin/1.0.0/regtest-subtree',
      rejectedTx: 'teranode/bitcoin/1.0.0/regtest-rejected_tx',
      nodeStatus: 'teranode/bitcoin/1.0.0/regtest-node_status',
      handshake: 'teranode/bitcoin/1.0.0/regtest-handshake',
      miningOn: 'teranode/bitcoin/1.0.0/regtest-miningon',
    });
  });

  it("joins the Teranode v0.11 topics by default, in Teranode's order", () => {
    const settings = loadSettings({ env: {}, only: ['network', 'gossip'] });
    expect(joinedGossipTopics(settings)).toEqual([
      'teranode/bitcoin/1.0.0/mainnet-block',
      'teranode/bitcoin/1.0.0/mainnet-subtree',
      'teranode/bitcoin/1.0.0/mainnet-node_status',
      'teranode/bitcoin/1.0.0/mainnet-rejected_tx',
    ]);
  });

  it('joins the legacy topics of the private-network profile when enabled', () => {
    const settings = loadSettings({
      env: {
        p2p_node_status_enabled: 'false',
        p2p_handshake_enabled: 'true',
        p2p_mining_on_enabled: 'true',
      },
      only: ['network', 'gossip'],
    });
    expect(joinedGossipTopics(settings)).toEqual([
      'teranode/bitcoin/1.0.0/mainnet-block',
      'teranode/bitcoin/1.0.0/mainnet-subtree',
      'teranode/bitcoin/1.0.0/mainnet-rejected_tx',
      'teranode/bitcoin/1.0.0/mainnet-handshake',
      'teranode/bitcoin/1.0.0/mainnet-miningon',
    ]);
  });
});
