import { describe, expect, it } from '@jest/globals';
import { blockMessageCodec } from './block-message.js';
import { handshakeMessageCodec } from './handshake-message.js';
import { miningOnMessageCodec } from './mining-on-message.js';
import { goStringSlice } from '../json/go-fields.js';
import { field, GoStruct } from '../json/go-struct.js';
import { GossipCodec } from '../json/gossip-codec.js';
import { nodeStatusMessageCodec } from './node-status-message.js';
import { rejectedTxMessageCodec } from './rejected-tx-message.js';
import { subtreeMessageCodec } from './subtree-message.js';

const MIB = 1_048_576;
const bytes = (text: string) => new TextEncoder().encode(text);

// The examples of reference-service.md §2.4–2.9, byte for byte as Teranode sends them.
const EXAMPLES = {
  block:
    '{"Hash":"000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f","Height":0,"DataHubURL":"https://node1.example.com/api/v1","PeerID":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd","Header":"0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c","Coinbase":""}',
  subtree:
    '{"Hash":"4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d","DataHubURL":"https://node1.example.com/api/v1","PeerID":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd"}',
  rejectedTx:
    '{"TxID":"a3f1c4e2a3f1c4e2a3f1c4e2a3f1c4e2a3f1c4e2a3f1c4e2a3f1c4e2a3f1c4e2","Reason":"invalid_script","PeerID":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd"}',
  miningOn:
    '{"Hash":"aa","PreviousHash":"bb","DataHubURL":"https://x","PeerID":"12D3","Height":915001,"Miner":"/Teranode/","SizeInBytes":123456,"TxCount":4312}',
  handshake:
    '{"type":"version","peerID":"12D3…","bestHeight":915000,"bestHash":"…","dataHubURL":"…","userAgent":"teranode/bitcoin/v0.11.0","services":0,"topicPrefix":"teranode/bitcoin/1.0.0/mainnet"}',
  // today's shape (Teranode ad41218, reference-peer-registry.md §7.3), bytes from Go's encoding/json
  nodeStatus:
    '{"peer_id":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd","client_name":"teranode1","type":"node_status","base_url":"https://node1.example.com/api/v1","propagation_url":"https://propagation.node1.example.com","version":"v0.12.0","commit_hash":"ad41218","best_block_hash":"00000000000000000a1b","best_height":915000,"tx_count":4312,"subtree_count":2,"fsm_state":"RUNNING","start_time":1759500000,"uptime":3600.25,"miner_name":"/Teranode/","listen_mode":"full","chain_work":"0000000000000000000000000000000000000001596d2a8e4fa8e2a6e1bd2f80","sync_peer_id":"12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n","sync_peer_height":915001,"sync_peer_block_hash":"00000000000000000c2d","sync_connected_at":1759500100,"min_mining_tx_fee":0.000005,"fee_policy":{"miningFee":{"satoshis":500,"bytes":1000},"maxscriptsizepolicy":500000,"maxtxsizepolicy":10485760,"maxtxsigopscountspolicy":4000},"connected_peers_count":12,"storage":"full"}',
};

const CODECS = {
  block: blockMessageCodec,
  subtree: subtreeMessageCodec,
  rejectedTx: rejectedTxMessageCodec,
  miningOn: miningOnMessageCodec,
  handshake: handshakeMessageCodec,
  nodeStatus: nodeStatusMessageCodec,
} as const;

describe('gossip codecs', () => {
  it.each(Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[])(
    '%s: Teranode example decodes and re-encodes to the same bytes',
    (name) => {
      const codec = CODECS[name] as typeof blockMessageCodec;
      const result = codec.decode(bytes(EXAMPLES[name]), MIB);
      if (!result.ok) throw result.error;
      expect(codec.encodeText(result.value)).toBe(EXAMPLES[name]);
    },
  );

  it('decodes the block example into named fields', () => {
    const result = blockMessageCodec.decode(bytes(EXAMPLES.block), MIB);
    expect(result.ok && result.value).toMatchObject({
      hash: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
      height: 0,
      dataHubUrl: 'https://node1.example.com/api/v1',
      coinbase: '',
    });
  });

  it('matches keys case-insensitively, ignores unknown keys, fills missing ones with zero values', () => {
    const result = blockMessageCodec.decode(
      bytes('{"hash":"ab","HEIGHT":7,"datahuburl":null,"extra":{"x":[1,2]},"ſeen":1}'),
      MIB,
    );
    expect(result.ok && result.value).toEqual({
      hash: 'ab',
      height: 7,
      dataHubUrl: '',
      peerId: '',
      header: '',
      coinbase: '',
    });
  });

  it('lets the last of two keys for one field win, as Go does', () => {
    const result = subtreeMessageCodec.decode(bytes('{"Hash":"a","Hash":"b"}'), MIB);
    expect(result.ok && result.value.hash).toBe('b');
  });

  it.each([
    [
      'a string into uint32',
      '{"Height":"5"}',
      'BlockMessage.Height: cannot put JSON string into Go uint32',
    ],
    ['a negative uint32', '{"Height":-1}', 'number -1'],
    ['a fractional uint32', '{"Height":1.5}', 'number 1.5'],
    ['an exponent uint32', '{"Height":1e3}', 'number 1e3'],
    ['a uint32 overflow', '{"Height":4294967296}', 'number 4294967296'],
    [
      'a number into string',
      '{"Hash":12}',
      'BlockMessage.Hash: cannot put JSON number 12 into Go string',
    ],
    ['an object into string', '{"PeerID":{}}', 'object'],
    ['a bool into string', '{"Header":true}', 'boolean'],
  ])('rejects %s', (_name, json, message) => {
    const result = blockMessageCodec.decode(bytes(json), MIB);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe('wrong_type');
      expect(result.error.message).toContain(message);
    }
  });

  it.each([
    ['invalid JSON', '{"Hash":', 'invalid_json'],
    ['trailing data', '{} {}', 'invalid_json'],
    ['an array', '[1,2]', 'not_an_object'],
    ['null', 'null', 'not_an_object'],
    ['a string', '"x"', 'not_an_object'],
  ])('rejects %s', (_name, json, reason) => {
    const result = subtreeMessageCodec.decode(bytes(json), MIB);
    expect(result.ok === false && result.error.reason).toBe(reason);
  });

  it('checks the size before parsing', () => {
    const big = new Uint8Array(2 * MIB).fill(0x20); // whitespace: valid JSON prefix, never parsed
    const result = blockMessageCodec.decode(big, MIB);
    expect(result.ok === false && result.error.reason).toBe('too_large');
    expect(result.ok === false && result.error.message).toBe(
      'payload of 2097152 bytes exceeds the limit of 1048576',
    );
  });

  it('range-checks uint32 and accepts negative int64', () => {
    const bad = nodeStatusMessageCodec.decode(bytes('{"sync_peer_height":-5}'), MIB);
    expect(bad.ok === false && bad.error.message).toBe(
      'NodeStatusMessage.sync_peer_height: cannot put JSON number -5 into Go uint32',
    );
    const good = nodeStatusMessageCodec.decode(
      bytes('{"sync_peer_height":4294967295,"start_time":-1}'),
      MIB,
    );
    expect(good.ok && [good.value.syncPeerHeight, good.value.startTime]).toEqual([4294967295, -1n]);
  });

  it('rejects a non-string element of a string array', () => {
    const codec = new GossipCodec(new GoStruct('T', { list: field('list', goStringSlice) }));
    const result = codec.decode(bytes('{"list":["a",1]}'), MIB);
    expect(result.ok === false && result.error.message).toBe(
      'T.list[1]: cannot put JSON number 1 into Go string',
    );
  });

  it('escapes <, >, & and line separators as Go does', () => {
    const text = rejectedTxMessageCodec.encodeText(
      rejectedTxMessageCodec.create({ reason: '<a> & b\u2028' }),
    );
    expect(text).toBe('{"TxID":"","Reason":"\\u003ca\\u003e \\u0026 b\\u2028","PeerID":""}');
    const back = rejectedTxMessageCodec.decode(bytes(text), MIB);
    expect(back.ok && back.value.reason).toBe('<a> & b\u2028');
  });

  it('keeps int64 and uint64 values exactly up to their limits, and writes them back unchanged', () => {
    const json =
      '{"Hash":"","PreviousHash":"","DataHubURL":"","PeerID":"","Height":0,"Miner":"","SizeInBytes":18446744073709551615,"TxCount":9007199254740993}';
    const mined = miningOnMessageCodec.decode(bytes(json), MIB);
    expect(mined.ok && [mined.value.sizeInBytes, mined.value.txCount]).toEqual([
      18446744073709551615n,
      9007199254740993n,
    ]);
    expect(mined.ok && miningOnMessageCodec.encodeText(mined.value)).toBe(json);
    const status = nodeStatusMessageCodec.decode(
      bytes('{"start_time":-9223372036854775808,"sync_connected_at":9223372036854775807}'),
      MIB,
    );
    expect(status.ok && [status.value.startTime, status.value.syncConnectedAt]).toEqual([
      -9223372036854775808n,
      9223372036854775807n,
    ]);
    const over = nodeStatusMessageCodec.decode(bytes('{"start_time":9223372036854775808}'), MIB);
    expect(over.ok === false && over.error.message).toBe(
      'NodeStatusMessage.start_time: cannot put JSON number 9223372036854775808 into Go int64',
    );
  });
});
