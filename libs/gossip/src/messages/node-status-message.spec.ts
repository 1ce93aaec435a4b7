import { describe, expect, it } from '@jest/globals';
import { feePolicyFrom } from './fee-policy.js';
import { blockAssemblyDetails, nodeStatusMessageCodec } from './node-status-message.js';

const MIB = 1_048_576;
const bytes = (text: string) => new TextEncoder().encode(text);
const PEER = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';

function decode(json: string) {
  const result = nodeStatusMessageCodec.decode(bytes(json), MIB);
  if (!result.ok) throw result.error;
  return result.value;
}

// Every byte string below is what Go's encoding/json writes for Teranode's struct
// (services/p2p/message_types.go at ad41218, copied in tools/interop/payloads.go).
describe('node_status as Teranode writes it today (reference-peer-registry.md §7.3)', () => {
  it('writes the zero message with every non-omitempty key, in struct order', () => {
    expect(nodeStatusMessageCodec.encodeText(nodeStatusMessageCodec.create({}))).toBe(
      '{"peer_id":"","client_name":"","type":"","base_url":"","version":"","commit_hash":"","best_block_hash":"","best_height":0,"fsm_state":"","start_time":0,"uptime":0,"miner_name":"","listen_mode":"","chain_work":""}',
    );
  });

  it('writes a zero fee (known: no fee) and a zero policy, where unknown leaves both out', () => {
    const status = nodeStatusMessageCodec.create({
      type: 'node_status',
      minMiningTxFee: 0,
      feePolicy: feePolicyFrom({
        minMiningTxFee: 0,
        maxScriptSizePolicy: 0,
        maxTxSizePolicy: 0,
        maxTxSigopsCountsPolicy: 0,
      }),
    });
    expect(nodeStatusMessageCodec.encodeText(status)).toBe(
      '{"peer_id":"","client_name":"","type":"node_status","base_url":"","version":"","commit_hash":"","best_block_hash":"","best_height":0,"fsm_state":"","start_time":0,"uptime":0,"miner_name":"","listen_mode":"","chain_work":"","min_mining_tx_fee":0,"fee_policy":{"miningFee":{"satoshis":0,"bytes":1000},"maxscriptsizepolicy":0,"maxtxsizepolicy":0,"maxtxsigopscountspolicy":0}}',
    );
  });

  it('writes the fee as Go formats a float64 (exponent below 1e-6, -0 kept)', () => {
    const text = (fee: number) =>
      nodeStatusMessageCodec.encodeText(nodeStatusMessageCodec.create({ minMiningTxFee: fee }));
    expect(text(0.00000001)).toContain('"min_mining_tx_fee":1e-8}');
    expect(text(0.000005)).toContain('"min_mining_tx_fee":0.000005}');
    expect(text(-0)).toContain('"min_mining_tx_fee":-0}');
  });

  it('reads the fee_policy keys as ARC spells them and the fee as a float', () => {
    const message = decode(
      `{"peer_id":"${PEER}","type":"node_status","best_height":42,"min_mining_tx_fee":0.000005,"fee_policy":{"miningFee":{"satoshis":500,"bytes":1000},"maxscriptsizepolicy":500000,"maxtxsizepolicy":10485760,"maxtxsigopscountspolicy":4000}}`,
    );
    expect(message).toMatchObject({
      peerId: PEER,
      bestHeight: 42,
      minMiningTxFee: 0.000005,
      feePolicy: {
        miningFee: { satoshis: 500n, bytes: 1000n },
        maxScriptSizePolicy: 500_000n,
        maxTxSizePolicy: 10_485_760n,
        maxTxSigopsCountsPolicy: 4000n,
      },
    });
  });

  it('reads an older peer without fee_policy: the policy unknown, the scalar fee kept', () => {
    const message = decode(
      `{"peer_id":"12D3K","type":"node_status","best_height":7,"min_mining_tx_fee":0.000005}`,
    );
    expect(message.feePolicy).toBeUndefined();
    expect(message.minMiningTxFee).toBeCloseTo(0.000005, 12);
  });

  it('reads null as unknown, and 0 as a known zero fee', () => {
    const unknown = decode('{"min_mining_tx_fee":null,"fee_policy":null}');
    expect([unknown.minMiningTxFee, unknown.feePolicy]).toEqual([undefined, undefined]);
    expect(decode('{"min_mining_tx_fee":0}').minMiningTxFee).toBe(0);
  });

  it('refuses a fee_policy value Go cannot put into a uint64', () => {
    const result = nodeStatusMessageCodec.decode(
      bytes('{"fee_policy":{"miningFee":{"satoshis":-1,"bytes":1000}}}'),
      MIB,
    );
    expect(result.ok === false && result.error.message).toBe(
      'NodeStatusMessage.fee_policy.miningFee.satoshis: cannot put JSON number -1 into Go uint64',
    );
  });

  it('reads the new scalar fields and leaves them out when empty', () => {
    const json = `{"peer_id":"${PEER}","client_name":"n","type":"node_status","base_url":"https://a","propagation_url":"https://p","version":"","commit_hash":"","best_block_hash":"","best_height":1,"tx_count":9007199254740991,"subtree_count":4294967295,"fsm_state":"RUNNING","start_time":0,"uptime":0,"miner_name":"","listen_mode":"full","chain_work":"","connected_peers_count":3,"storage":"pruned"}`;
    const message = decode(json);
    expect(message).toMatchObject({
      propagationUrl: 'https://p',
      txCount: 9007199254740991n,
      subtreeCount: 4294967295,
      connectedPeersCount: 3n,
      storage: 'pruned',
    });
    expect(nodeStatusMessageCodec.encodeText(message)).toBe(json);
  });
});

describe('node_status from Teranode v0.11 (reference-service.md §2.6)', () => {
  const V011 =
    '{"type":"node_status","base_url":"https://node1.example.com/api/v1","peer_id":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd","version":"v0.11.0","commit_hash":"fb3d000cc","best_block_hash":"00000000000000000a1b","best_height":915000,"block_assembly_details":{"blockAssemblyState":"running","subtreeProcessorState":"running","subtreeCount":2,"txCount":4312,"currentHeight":915000,"currentHash":"00000000000000000a1b","subtrees":["4d22d3ea"]},"fsm_state":"RUNNING","start_time":1759500000,"uptime":3600.25,"client_name":"teranode1","miner_name":"/Teranode/","listen_mode":"full","chain_work":"0000000000000000000000000000000000000001596d2a8e4fa8e2a6e1bd2f80","sync_peer_id":"12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n","sync_peer_height":915001,"sync_peer_block_hash":"00000000000000000c2d","sync_connected_at":1759500100}';

  it('decodes every field, block_assembly_details included, and the new ones as unknown', () => {
    expect(decode(V011)).toEqual({
      peerId: PEER,
      clientName: 'teranode1',
      type: 'node_status',
      baseUrl: 'https://node1.example.com/api/v1',
      propagationUrl: '',
      version: 'v0.11.0',
      commitHash: 'fb3d000cc',
      bestBlockHash: '00000000000000000a1b',
      bestHeight: 915000,
      txCount: 0n,
      subtreeCount: 0,
      blockAssemblyDetails: blockAssemblyDetails({
        blockAssemblyState: 'running',
        subtreeProcessorState: 'running',
        subtreeCount: 2,
        txCount: 4312n,
        currentHeight: 915000,
        currentHash: '00000000000000000a1b',
        subtrees: ['4d22d3ea'],
      }),
      fsmState: 'RUNNING',
      startTime: 1759500000n,
      uptime: 3600.25,
      minerName: '/Teranode/',
      listenMode: 'full',
      chainWork: '0000000000000000000000000000000000000001596d2a8e4fa8e2a6e1bd2f80',
      syncPeerId: '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n',
      syncPeerHeight: 915001,
      syncPeerBlockHash: '00000000000000000c2d',
      syncConnectedAt: 1759500100n,
      minMiningTxFee: undefined,
      feePolicy: undefined,
      connectedPeersCount: 0n,
      storage: '',
    });
  });

  it("re-encodes in today's shape, as today's Go does (block_assembly_details never written)", () => {
    expect(nodeStatusMessageCodec.encodeText(decode(V011))).toBe(
      '{"peer_id":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd","client_name":"teranode1","type":"node_status","base_url":"https://node1.example.com/api/v1","version":"v0.11.0","commit_hash":"fb3d000cc","best_block_hash":"00000000000000000a1b","best_height":915000,"fsm_state":"RUNNING","start_time":1759500000,"uptime":3600.25,"miner_name":"/Teranode/","listen_mode":"full","chain_work":"0000000000000000000000000000000000000001596d2a8e4fa8e2a6e1bd2f80","sync_peer_id":"12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n","sync_peer_height":915001,"sync_peer_block_hash":"00000000000000000c2d","sync_connected_at":1759500100}',
    );
  });

  it('skips malformed block_assembly_details instead of refusing the message, as today’s Go does', () => {
    const message = decode('{"best_height":3,"block_assembly_details":{"subtrees":["a",1]}}');
    expect([message.bestHeight, message.blockAssemblyDetails]).toEqual([3, undefined]);
  });
});

describe("fee_policy from the node's policy settings (Teranode's policyFromSettings)", () => {
  const policy = {
    minMiningTxFee: 0.000005,
    maxScriptSizePolicy: 500_000,
    maxTxSizePolicy: 10_485_760,
    maxTxSigopsCountsPolicy: 4000,
  };

  it('converts BSV/kB to satoshis per 1000 bytes', () => {
    expect(feePolicyFrom(policy)).toEqual({
      miningFee: { satoshis: 500n, bytes: 1000n },
      maxScriptSizePolicy: 500_000n,
      maxTxSizePolicy: 10_485_760n,
      maxTxSigopsCountsPolicy: 4000n,
    });
  });

  it('keeps a zero fee', () => {
    expect(feePolicyFrom({ ...policy, minMiningTxFee: 0 })?.miningFee).toEqual({
      satoshis: 0n,
      bytes: 1000n,
    });
  });

  it('truncates fractions of a satoshi as Go’s uint64 conversion does', () => {
    expect(feePolicyFrom({ ...policy, minMiningTxFee: 0.000000019 })?.miningFee.satoshis).toBe(1n);
  });

  it.each([
    ['a NaN fee', { minMiningTxFee: NaN }],
    ['a +Inf fee', { minMiningTxFee: Infinity }],
    ['a -Inf fee', { minMiningTxFee: -Infinity }],
    ['a negative fee', { minMiningTxFee: -1 }],
    ['a fee beyond uint64 satoshis', { minMiningTxFee: 2 ** 64 }],
    ['a negative maxscriptsizepolicy', { maxScriptSizePolicy: -1 }],
    ['a negative maxtxsizepolicy', { maxTxSizePolicy: -1 }],
    ['a negative maxtxsigopscountspolicy', { maxTxSigopsCountsPolicy: -1 }],
  ])('gives no policy for %s', (_name, change) => {
    expect(feePolicyFrom({ ...policy, ...change })).toBeUndefined();
  });
});
