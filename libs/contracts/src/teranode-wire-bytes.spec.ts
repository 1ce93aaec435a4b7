import { describe, expect, it } from '@jest/globals';
import { blockchain_api, kafkamessage, model, p2p_api } from './index.js';

// Expected bytes were produced by Google's protobuf runtime (Python) from the same .proto
// files, an implementation independent of the generated TypeScript codecs under test.
const HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const SUBTREE = '4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d';
const PEER = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';
const URL = 'https://node1.example.com/api/v1';

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: Partial<T>): T;
}

function roundTrip<T>(codec: Codec<T>, message: Partial<T>, expectedHex: string): void {
  const full = codec.fromPartial(message);
  const bytes = codec.encode(full).finish();
  expect(Buffer.from(bytes).toString('hex')).toBe(expectedHex);
  expect(codec.decode(bytes)).toEqual(full);
}

describe('kafkamessage (Teranode Kafka records)', () => {
  it('KafkaBlockTopicMessage', () =>
    roundTrip(
      kafkamessage.KafkaBlockTopicMessage,
      { hash: HASH, URL, peer_id: PEER },
      '0a403030303030303030303031396436363839633038356165313635383331653933346666373633' +
        '6165343661326136633137326233663162363061386365323666122068747470733a2f2f6e6f6465' +
        '312e6578616d706c652e636f6d2f6170692f76311a34313244334b6f6f574a70424e687767766f5a' +
        '31354542314a775254527078674d394e566171704474575a58665466364370435164',
    ));

  it('KafkaSubtreeTopicMessage', () =>
    roundTrip(
      kafkamessage.KafkaSubtreeTopicMessage,
      { hash: SUBTREE, URL, peer_id: PEER },
      '0a403464323264336561386436313863366465373834383535626634666163643037363066343031' +
        '3238353232343261646664333939636666373030363635663364122068747470733a2f2f6e6f6465' +
        '312e6578616d706c652e636f6d2f6170692f76311a34313244334b6f6f574a70424e687767766f5a' +
        '31354542314a775254527078674d394e566171704474575a58665466364370435164',
    ));

  it('KafkaRejectedTxTopicMessage with an empty peer_id (rejected by this node)', () =>
    roundTrip(
      kafkamessage.KafkaRejectedTxTopicMessage,
      { txHash: 'a3f1c4e2'.repeat(8), reason: 'invalid_script', peer_id: '' },
      '0a406133663163346532613366316334653261336631633465326133663163346532613366316334' +
        '6532613366316334653261336631633465326133663163346532120e696e76616c69645f73637269' +
        '7074',
    ));

  it('KafkaInvalidBlockTopicMessage', () =>
    roundTrip(
      kafkamessage.KafkaInvalidBlockTopicMessage,
      { blockHash: HASH, reason: 'bad merkle root' },
      '0a403030303030303030303031396436363839633038356165313635383331653933346666373633' +
        '6165343661326136633137326233663162363061386365323666120f626164206d65726b6c652072' +
        '6f6f74',
    ));

  it('KafkaInvalidSubtreeTopicMessage', () =>
    roundTrip(
      kafkamessage.KafkaInvalidSubtreeTopicMessage,
      { subtreeHash: SUBTREE, peerUrl: URL, reason: 'missing tx' },
      '0a403464323264336561386436313863366465373834383535626634666163643037363066343031' +
        '3238353232343261646664333939636666373030363635663364122068747470733a2f2f6e6f6465' +
        '312e6578616d706c652e636f6d2f6170692f76311a0a6d697373696e67207478',
    ));
});

describe('p2p_api (Teranode PeerService messages)', () => {
  it('Peer with every kind of field', () =>
    roundTrip(
      p2p_api.Peer,
      {
        id: PEER,
        addr: '/ip4/10.0.0.2/tcp/9905',
        addrLocal: '/ip4/10.0.0.1/tcp/9905',
        lastSend: 1759500000,
        lastRecv: 1759500001,
        bytesSent: 123456789012,
        bytesReceived: 42,
        inbound: true,
        connTime: 1759400000,
        pingTime: 1500,
        subVer: 'teranode/bitcoin/v0.11.0',
        startingHeight: 915000,
        currentHeight: 915001,
        banscore: 30,
      },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a5866546636437043516412162f6970342f31302e302e302e322f7463702f393930351a16' +
        '2f6970342f31302e302e302e312f7463702f3939303528e0adffc60630e1adffc6066094b4e4f4cb' +
        '03682a8801019001c0a0f9c6069801dc0bb20118746572616e6f64652f626974636f696e2f76302e' +
        '31312e30b801b8ec37c001b9ec37c8011e',
    ));

  it('Peer with negative int64 and int32 values', () =>
    roundTrip(
      p2p_api.Peer,
      { timeOffset: -5, startingHeight: -1 },
      'a001fbffffffffffffffff01b801ffffffffffffffffff01',
    ));

  it('BanPeerRequest (absolute Unix seconds)', () =>
    roundTrip(
      p2p_api.BanPeerRequest,
      { addr: '10.0.0.0/24', until: 1759586400 },
      '0a0b31302e302e302e302f323410e0d084c706',
    ));

  it('IsBannedResponse', () => roundTrip(p2p_api.IsBannedResponse, { isBanned: true }, '0801'));

  it('ListBannedResponse', () =>
    roundTrip(
      p2p_api.ListBannedResponse,
      { banned: ['10.0.0.0/24', '2001:db8::/32'] },
      '0a0b31302e302e302e302f32340a0d323030313a6462383a3a2f3332',
    ));

  it('AddBanScoreRequest', () =>
    roundTrip(
      p2p_api.AddBanScoreRequest,
      { peer_id: PEER, reason: 'spam' },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a5866546636437043516412047370616d',
    ));

  it('ConnectPeerResponse', () =>
    roundTrip(
      p2p_api.ConnectPeerResponse,
      { success: false, error: 'dial refused' },
      '120c6469616c2072656675736564',
    ));
});

describe('blockchain_api (Teranode blockchain service messages)', () => {
  it('Notification of a block, hash in internal byte order', () =>
    roundTrip(
      blockchain_api.Notification,
      {
        type: model.NotificationType.Block,
        hash: Buffer.from(HASH, 'hex').reverse(),
        base_URL: URL,
        metadata: { metadata: { height: '915000' } },
      },
      '080212206fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d61900000000001a206874' +
        '7470733a2f2f6e6f6465312e6578616d706c652e636f6d2f6170692f763122120a100a0668656967' +
        '68741206393135303030',
    ));

  it('GetBlockHeaderResponse', () =>
    roundTrip(
      blockchain_api.GetBlockHeaderResponse,
      {
        blockHeader: Buffer.from(Array.from({ length: 80 }, (_, i) => i)),
        id: 7,
        height: 915000,
        tx_count: 4312,
        size_in_bytes: 123456,
        miner: '/Teranode/',
        peer_id: PEER,
        block_time: 1759500000,
        timestamp: 1759500001,
        chain_work: Buffer.from('01596d2a', 'hex'),
        mined_set: true,
        subtrees_set: true,
        invalid: false,
      },
      '0a50000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425' +
        '262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d' +
        '4e4f100718b8ec3720d82128c0c407320a2f546572616e6f64652f3a34313244334b6f6f574a7042' +
        '4e687767766f5a31354542314a775254527078674d394e566171704474575a586654663643704351' +
        '6440e0adffc60648e1adffc606520401596d2a58016001',
    ));

  it('GetFSMStateResponse', () =>
    roundTrip(
      blockchain_api.GetFSMStateResponse,
      { state: blockchain_api.FSMStateType.CATCHINGBLOCKS },
      '0802',
    ));
});
