import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import {
  blockMessageCodec,
  nodeStatusMessageCodec,
  subtreeMessageCodec,
} from '@teranode-p2p/gossip';
import { TERANODE_FEE_POLICY_EVENT } from '@teranode-p2p/testing';
import { registryUpdateFor } from './registry-update.js';
import { toP2pEventRecord } from './to-p2p-event.js';

const HASH = '00000000000000000000000000000000000000000000000000000000000000ff';
const context = { senderPeerId: 'S', receiverPeerId: 'R', topic: 'T', receivedAtMs: 5 };

/** The record of a node_status received as Go's JSON `json`. */
function nodeStatusRecord(json: string) {
  const decoded = nodeStatusMessageCodec.decode(new TextEncoder().encode(json), 1_048_576);
  if (!decoded.ok) throw decoded.error;
  return toP2pEventRecord(
    { kind: 'nodeStatus', hash: undefined, message: decoded.value },
    context,
  )!;
}

describe('P2PEvent records', () => {
  it('keys a block by its hash and carries every field', () => {
    const gossip = {
      kind: 'block' as const,
      hash: HASH,
      message: blockMessageCodec.create({ hash: 'FF', height: 3, header: 'aa' }),
    };
    const record = toP2pEventRecord(gossip, context)!;
    expect(record.key).toEqual(Buffer.from(HASH));
    expect(p2p_events.P2PEvent.decode(record.value)).toEqual(
      p2p_events.P2PEvent.fromPartial({
        sender_peer_id: 'S',
        receiver_peer_id: 'R',
        topic: 'T',
        received_at_ms: '5',
        block: { hash: HASH, height: 3, header: 'aa' },
      }),
    );
  });

  it('keys a node status by its sender and carries every field of today’s shape', () => {
    const record = nodeStatusRecord(
      '{"peer_id":"P","best_height":9,"propagation_url":"https://tx","tx_count":4312,"subtree_count":2,"sync_peer_height":4294967295,"min_mining_tx_fee":0.000005,"fee_policy":{"miningFee":{"satoshis":500,"bytes":1000},"maxscriptsizepolicy":500000,"maxtxsizepolicy":10485760,"maxtxsigopscountspolicy":4000},"connected_peers_count":12,"storage":"full"}',
    );
    expect(record.key).toEqual(Buffer.from('S'));
    expect(p2p_events.P2PEvent.decode(record.value).node_status).toMatchObject({
      peer_id: 'P',
      best_height: 9,
      propagation_url: 'https://tx',
      tx_count: '4312',
      subtree_count: 2,
      sync_peer_height: 4_294_967_295,
      min_mining_tx_fee: 0.000005,
      fee_policy: TERANODE_FEE_POLICY_EVENT,
      connected_peers_count: '12',
      storage: 'full',
      block_assembly_details: undefined,
    });
  });

  it('keeps an unknown fee unknown and a zero fee zero', () => {
    const statusOf = (json: string) =>
      p2p_events.P2PEvent.decode(nodeStatusRecord(json).value).node_status!;
    expect(statusOf('{"min_mining_tx_fee":null}')).toMatchObject({
      min_mining_tx_fee: undefined,
      fee_policy: undefined,
    });
    expect(statusOf('{"min_mining_tx_fee":0}').min_mining_tx_fee).toBe(0);
  });

  it("takes a v0.11 sender's block-assembly counts as tx_count and subtree_count, and no longer writes the details", () => {
    const record = nodeStatusRecord(
      '{"type":"node_status","best_height":9,"block_assembly_details":{"subtreeCount":2,"txCount":4312,"currentHeight":9}}',
    );
    const status = p2p_events.P2PEvent.decode(record.value).node_status!;
    expect(status).toMatchObject({ tx_count: '4312', subtree_count: 2 });
    expect(status.block_assembly_details).toBeUndefined();
  });

  it('tells the registry only what the message knows', () => {
    const message = nodeStatusMessageCodec.create({ bestHeight: 0, baseUrl: 'u', clientName: 'c' });
    expect(registryUpdateFor({ kind: 'nodeStatus', hash: undefined, message }, 7)).toEqual({
      lastMessageAt: 7,
      height: undefined,
      blockHash: undefined,
      dataHubUrl: 'u',
      clientName: 'c',
    });
  });
});

describe('a low-reputation sender (skip_processing)', () => {
  it('marks the event and leaves the registry only the message time', () => {
    const gossip = {
      kind: 'subtree' as const,
      hash: HASH,
      message: subtreeMessageCodec.create({ hash: 'ff', dataHubUrl: 'https://x.example' }),
    };
    const skipped = toP2pEventRecord(gossip, { ...context, skipProcessing: true })!;
    expect(p2p_events.P2PEvent.decode(skipped.value).skip_processing).toBe(true);
    const plain = toP2pEventRecord(gossip, context)!;
    expect(p2p_events.P2PEvent.decode(plain.value).skip_processing).toBe(false);
    const message = nodeStatusMessageCodec.create({ bestHeight: 9, baseUrl: 'https://x.example' });
    const status = { kind: 'nodeStatus' as const, hash: undefined, message };
    expect(registryUpdateFor(status, 7, true)).toEqual({ lastMessageAt: 7 });
    expect(registryUpdateFor(status, 7)).toMatchObject({ lastMessageAt: 7, height: 9 });
  });
});
