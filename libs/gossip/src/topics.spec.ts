import { describe, expect, it } from '@jest/globals';
import { gossipTopics } from '@teranode-p2p/config';
import { CID } from 'multiformats/cid';
import { topicRendezvousCidBytes } from './topics.js';

describe('topics', () => {
  it('names the mainnet block topic as Teranode does and gives its rendezvous CID', () => {
    const topics = gossipTopics({
      network: 'mainnet',
      p2p_block_topic: 'block',
      p2p_subtree_topic: 'subtree',
      p2p_rejected_tx_topic: 'rejected_tx',
      p2p_node_status_topic: 'node_status',
      p2p_handshake_topic: 'handshake',
      p2p_mining_on_topic: 'miningon',
      p2p_node_status_enabled: true,
      p2p_handshake_enabled: false,
      p2p_mining_on_enabled: false,
    });
    expect(topics.block).toBe('teranode/bitcoin/1.0.0/mainnet-block');
    expect(CID.decode(topicRendezvousCidBytes(topics.block)).toString()).toBe(
      'bafkreia4gp34463iknbrkrg6ir6wnjllud3q4oqqse7fdbdircc2yyqsga',
    );
  });
});
