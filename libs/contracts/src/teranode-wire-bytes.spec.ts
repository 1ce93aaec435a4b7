import { describe, expect, it } from '@jest/globals';
import { blockchain_api, kafkamessage, model, p2p_api } from './index.js';

// Expected bytes come from Google's protobuf runtime for Python (protobuf 7.36), an
// implementation independent of the generated TypeScript codecs under test, and the same .proto
// files: a one-off script (not kept) compiled proto/*.proto with grpc_tools.protoc into a
// temporary directory, built each message below and printed SerializeToString(deterministic=True)
// as hex. Deterministic output sorts map entries by key, so map entries here are in key order.
const HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const SUBTREE = '4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d';
const PEER = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';
const PEER_2 = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
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

  it('KafkaRejectedTxTopicMessage from a peer', () =>
    roundTrip(
      kafkamessage.KafkaRejectedTxTopicMessage,
      { txHash: 'a3f1c4e2'.repeat(8), reason: 'txn-mempool-conflict', peer_id: PEER },
      '0a406133663163346532613366316334653261336631633465326133663163346532613366316334' +
        '6532613366316334653261336631633465326133663163346532121474786e2d6d656d706f6f6c2d' +
        '636f6e666c6963741a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078' +
        '674d394e566171704474575a58665466364370435164',
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
  it('Peer with every field set (64-bit and negative values included)', () =>
    roundTrip(
      p2p_api.Peer,
      {
        id: PEER,
        addr: '/ip4/10.0.0.2/tcp/9905',
        addrLocal: '/ip4/10.0.0.1/tcp/9905',
        services: 'NODE_NETWORK',
        lastSend: '1759500000',
        lastRecv: '1759500001',
        sendSize: '4096',
        recvSize: '8192',
        sendMemory: '1048576',
        pauseSend: true,
        unpauseSend: true,
        bytesSent: String(Number.MAX_SAFE_INTEGER),
        bytesReceived: '42',
        avgRecvBandwidth: '125000000000',
        assocId: 'assoc-7',
        streamPolicy: 'BlockPriority',
        inbound: true,
        connTime: '1759400000',
        pingTime: '1500',
        timeOffset: '-3600',
        version: 70016,
        subVer: 'teranode/bitcoin/v0.11.0',
        startingHeight: 915000,
        currentHeight: 915001,
        banscore: 30,
        whitelisted: true,
        feeFilter: '5000000000',
      },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a5866546636437043516412162f6970342f31302e302e302e322f7463702f393930351a16' +
        '2f6970342f31302e302e302e312f7463702f39393035220c4e4f44455f4e4554574f524b28e0adff' +
        'c60630e1adffc606388020408040488080405001580160ffffffffffffff0f682a7080c4d2d4d103' +
        '7a076173736f632d3782010d426c6f636b5072696f726974798801019001c0a0f9c6069801dc0ba0' +
        '01f0e3ffffffffffffff01a80180a304b20118746572616e6f64652f626974636f696e2f76302e31' +
        '312e30b801b8ec37c001b9ec37c8011ed00101d80180e497d012',
    ));

  // Heights are uint32 since 2025-11 (int32 in v0.11: the same bytes below 2^31).
  it('Peer with a negative int64 and the largest uint32 height', () =>
    roundTrip(
      p2p_api.Peer,
      { timeOffset: '-5', startingHeight: 4_294_967_295 },
      'a001fbffffffffffffffff01b801ffffffff0f',
    ));

  it('GetPeersResponse with two peers', () =>
    roundTrip(
      p2p_api.GetPeersResponse,
      {
        peers: [
          p2p_api.Peer.fromPartial({
            id: PEER,
            addr: '/ip4/10.0.0.2/tcp/9905',
            inbound: true,
            currentHeight: 915001,
          }),
          p2p_api.Peer.fromPartial({
            id: PEER_2,
            addr: '/ip6/2001:db8::2/tcp/9905',
            timeOffset: '-1',
            banscore: 50,
          }),
        ],
      },
      '0a560a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e5661' +
        '71704474575a5866546636437043516412162f6970342f31302e302e302e322f7463702f39393035' +
        '880101c001b9ec370a600a34313244334b6f6f5741465857757867644a6f52736141344a34525252' +
        '7238797536574372415066384661533755665a673363654712192f6970362f323030313a6462383a' +
        '3a322f7463702f39393035a001ffffffffffffffffff01c80132',
    ));

  it('BanPeerRequest (absolute Unix seconds)', () =>
    roundTrip(
      p2p_api.BanPeerRequest,
      { addr: '10.0.0.0/24', until: '1759586400' },
      '0a0b31302e302e302e302f323410e0d084c706',
    ));

  it('BanPeerResponse', () => roundTrip(p2p_api.BanPeerResponse, { ok: true }, '0801'));

  it('UnbanPeerRequest', () =>
    roundTrip(
      p2p_api.UnbanPeerRequest,
      { addr: '2001:db8::/32' },
      '0a0d323030313a6462383a3a2f3332',
    ));

  it('UnbanPeerResponse', () => roundTrip(p2p_api.UnbanPeerResponse, { ok: true }, '0801'));

  it('IsBannedRequest (a peer ID)', () =>
    roundTrip(
      p2p_api.IsBannedRequest,
      { ipOrSubnet: PEER },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a58665466364370435164',
    ));

  it('IsBannedResponse', () => roundTrip(p2p_api.IsBannedResponse, { isBanned: true }, '0801'));

  it('ListBannedResponse', () =>
    roundTrip(
      p2p_api.ListBannedResponse,
      { banned: ['10.0.0.0/24', '2001:db8::/32'] },
      '0a0b31302e302e302e302f32340a0d323030313a6462383a3a2f3332',
    ));

  it('ClearBannedResponse', () => roundTrip(p2p_api.ClearBannedResponse, { ok: true }, '0801'));

  it('AddBanScoreRequest', () =>
    roundTrip(
      p2p_api.AddBanScoreRequest,
      { peer_id: PEER, reason: 'spam' },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a5866546636437043516412047370616d',
    ));

  it('AddBanScoreResponse', () => roundTrip(p2p_api.AddBanScoreResponse, { ok: true }, '0801'));

  it('ConnectPeerRequest', () =>
    roundTrip(
      p2p_api.ConnectPeerRequest,
      { peer_address: `/dns4/node1.example.com/tcp/9905/p2p/${PEER}` },
      '0a592f646e73342f6e6f6465312e6578616d706c652e636f6d2f7463702f393930352f7032702f31' +
        '3244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170447457' +
        '5a58665466364370435164',
    ));

  it('ConnectPeerResponse', () =>
    roundTrip(
      p2p_api.ConnectPeerResponse,
      { success: false, error: 'dial refused' },
      '120c6469616c2072656675736564',
    ));

  it('ConnectPeerResponse with both fields set', () =>
    roundTrip(
      p2p_api.ConnectPeerResponse,
      { success: true, error: 'already connected' },
      '08011211616c726561647920636f6e6e6563746564',
    ));

  it('DisconnectPeerRequest', () =>
    roundTrip(
      p2p_api.DisconnectPeerRequest,
      { peer_id: PEER_2 },
      '0a34313244334b6f6f5741465857757867644a6f52736141344a3452525272387975365743724150' +
        '66384661533755665a6733636547',
    ));

  it('DisconnectPeerResponse', () =>
    roundTrip(
      p2p_api.DisconnectPeerResponse,
      { success: true, error: 'closed 2 connections' },
      '08011214636c6f736564203220636f6e6e656374696f6e73',
    ));
});

// These come from Teranode's own services/p2p/p2p_api/p2p_api.proto at teracoder/teranode
// ad41218 (not ours), compiled and serialised the same way with protobuf 7.36 for Python.
describe("p2p_api: the catch-up and registry RPCs of today's Teranode", () => {
  it('RecordCatchupAttemptRequest', () =>
    roundTrip(
      p2p_api.RecordCatchupAttemptRequest,
      { peer_id: PEER },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a58665466364370435164',
    ));

  it('RecordCatchupAttemptResponse', () =>
    roundTrip(p2p_api.RecordCatchupAttemptResponse, { ok: true }, '0801'));

  it('RecordCatchupSuccessRequest', () =>
    roundTrip(
      p2p_api.RecordCatchupSuccessRequest,
      { peer_id: PEER, duration_ms: '250' },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a5866546636437043516410fa01',
    ));

  it('RecordCatchupSuccessResponse', () =>
    roundTrip(p2p_api.RecordCatchupSuccessResponse, { ok: true }, '0801'));

  it('RecordCatchupFailureRequest', () =>
    roundTrip(
      p2p_api.RecordCatchupFailureRequest,
      { peer_id: PEER_2 },
      '0a34313244334b6f6f5741465857757867644a6f52736141344a3452525272387975365743724150' +
        '66384661533755665a6733636547',
    ));

  it('RecordCatchupFailureResponse', () =>
    roundTrip(p2p_api.RecordCatchupFailureResponse, { ok: true }, '0801'));

  it('RecordCatchupMaliciousRequest', () =>
    roundTrip(
      p2p_api.RecordCatchupMaliciousRequest,
      { peer_id: PEER_2 },
      '0a34313244334b6f6f5741465857757867644a6f52736141344a3452525272387975365743724150' +
        '66384661533755665a6733636547',
    ));

  it('RecordCatchupMaliciousResponse', () =>
    roundTrip(p2p_api.RecordCatchupMaliciousResponse, { ok: true }, '0801'));

  it('UpdateCatchupReputationRequest', () =>
    roundTrip(
      p2p_api.UpdateCatchupReputationRequest,
      { peer_id: PEER, score: 87.5 },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a58665466364370435164110000000000e05540',
    ));

  it('UpdateCatchupReputationResponse', () =>
    roundTrip(p2p_api.UpdateCatchupReputationResponse, { ok: true }, '0801'));

  it('UpdateCatchupErrorRequest', () =>
    roundTrip(
      p2p_api.UpdateCatchupErrorRequest,
      { peer_id: PEER, error_msg: 'timeout' },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a58665466364370435164120774696d656f7574',
    ));

  it('UpdateCatchupErrorResponse', () =>
    roundTrip(p2p_api.UpdateCatchupErrorResponse, { ok: true }, '0801'));

  it('ResetReputationRequest', () =>
    roundTrip(
      p2p_api.ResetReputationRequest,
      { peer_id: PEER },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a58665466364370435164',
    ));

  it('ResetReputationResponse', () =>
    roundTrip(p2p_api.ResetReputationResponse, { ok: true, peers_reset: 3 }, '08011003'));

  it('GetPeersForCatchupRequest', () => roundTrip(p2p_api.GetPeersForCatchupRequest, {}, ''));

  it('PeerInfoForCatchup', () =>
    roundTrip(
      p2p_api.PeerInfoForCatchup,
      {
        id: PEER,
        height: 912_000,
        block_hash: HASH,
        data_hub_url: URL,
        catchup_reputation_score: 99.0,
        catchup_attempts: '5',
        catchup_successes: '4',
        catchup_failures: '1',
      },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a586654663643704351641080d5371a403030303030303030303031396436363839633038' +
        '35616531363538333165393334666637363361653436613261366331373262336631623630613863' +
        '65323666222068747470733a2f2f6e6f6465312e6578616d706c652e636f6d2f6170692f76312900' +
        '00000000c05840300538044001',
    ));

  it('ReportValidSubtreeRequest', () =>
    roundTrip(
      p2p_api.ReportValidSubtreeRequest,
      { peer_id: PEER, subtree_hash: SUBTREE },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a586654663643704351641240346432326433656138643631386336646537383438353562' +
        '66346661636430373630663430313238353232343261646664333939636666373030363635663364',
    ));

  it('ReportValidSubtreeResponse', () =>
    roundTrip(
      p2p_api.ReportValidSubtreeResponse,
      { success: false, message: 'peer_id is empty' },
      '1210706565725f696420697320656d707479',
    ));

  it('ReportValidBlockRequest', () =>
    roundTrip(
      p2p_api.ReportValidBlockRequest,
      { peer_id: PEER, block_hash: HASH },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a586654663643704351641240303030303030303030303139643636383963303835616531' +
        '36353833316539333466663736336165343661326136633137326233663162363061386365323666',
    ));

  it('ReportValidBlockResponse', () =>
    roundTrip(p2p_api.ReportValidBlockResponse, { success: true, message: 'ok' }, '080112026f6b'));

  it('IsPeerMaliciousRequest', () =>
    roundTrip(
      p2p_api.IsPeerMaliciousRequest,
      { peer_id: PEER },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a58665466364370435164',
    ));

  it('IsPeerMaliciousResponse', () =>
    roundTrip(
      p2p_api.IsPeerMaliciousResponse,
      { is_malicious: true, reason: 'peer is banned' },
      '0801120e706565722069732062616e6e6564',
    ));

  it('IsPeerUnhealthyRequest', () =>
    roundTrip(
      p2p_api.IsPeerUnhealthyRequest,
      { peer_id: PEER },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a58665466364370435164',
    ));

  it('IsPeerUnhealthyResponse', () =>
    roundTrip(
      p2p_api.IsPeerUnhealthyResponse,
      { is_unhealthy: true, reason: 'low reputation score: 5.00', reputation_score: 5.0 },
      '0801121a6c6f772072657075746174696f6e2073636f72653a20352e30301d0000a040',
    ));

  it('PeerRegistryInfo', () =>
    roundTrip(
      p2p_api.PeerRegistryInfo,
      {
        id: PEER,
        height: 912_000,
        block_hash: HASH,
        data_hub_url: URL,
        ban_score: 20,
        is_banned: true,
        is_connected: true,
        connected_at: '1764950400',
        bytes_received: '18446744073709551615',
        last_block_time: '1764950460',
        last_message_time: '1764950461',
        interaction_attempts: '12',
        interaction_successes: '4',
        interaction_failures: '8',
        last_interaction_attempt: '1764950470',
        last_interaction_success: '1764950471',
        last_interaction_failure: '1764950472',
        reputation_score: 42.5,
        malicious_count: '1',
        avg_response_time_ms: '150',
        storage: 'full',
        client_name: 'teranode/v0.12.0',
        last_catchup_error: 'header 12 did not connect',
        last_catchup_error_time: '1764950480',
      },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a586654663643704351641080d5371a403030303030303030303031396436363839633038' +
        '35616531363538333165393334666637363361653436613261366331373262336631623630613863' +
        '65323666222068747470733a2f2f6e6f6465312e6578616d706c652e636f6d2f6170692f76312814' +
        '30013801408083ccc90648ffffffffffffffffff0150bc83ccc90658bd83ccc906700c7804800108' +
        '8801c683ccc9069001c783ccc9069801c883ccc906a1010000000000404540a80101b0019601ba01' +
        '0466756c6cc20110746572616e6f64652f76302e31322e30ca011968656164657220313220646964' +
        '206e6f7420636f6e6e656374d001d083ccc906',
    ));

  it('RecordBytesDownloadedRequest', () =>
    roundTrip(
      p2p_api.RecordBytesDownloadedRequest,
      { peer_id: PEER, bytes_downloaded: '1500' },
      '0a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e56617170' +
        '4474575a5866546636437043516410dc0b',
    ));

  it('RecordBytesDownloadedResponse', () =>
    roundTrip(p2p_api.RecordBytesDownloadedResponse, { ok: true }, '0801'));

  it('GetPeerRequest', () =>
    roundTrip(
      p2p_api.GetPeerRequest,
      { peer_id: PEER_2 },
      '0a34313244334b6f6f5741465857757867644a6f52736141344a3452525272387975365743724150' +
        '66384661533755665a6733636547',
    ));

  it('GetPeerResponse', () => roundTrip(p2p_api.GetPeerResponse, { found: false }, ''));

  it('GetPeersForCatchupResponse with two peers', () =>
    roundTrip(
      p2p_api.GetPeersForCatchupResponse,
      {
        peers: [
          p2p_api.PeerInfoForCatchup.fromPartial({
            id: PEER,
            height: 1,
            data_hub_url: URL,
            catchup_reputation_score: 50,
          }),
          p2p_api.PeerInfoForCatchup.fromPartial({ id: PEER_2, height: 2 }),
        ],
      },
      '0a630a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e5661' +
        '71704474575a586654663643704351641001222068747470733a2f2f6e6f6465312e6578616d706c' +
        '652e636f6d2f6170692f76312900000000000049400a380a34313244334b6f6f5741465857757867' +
        '644a6f52736141344a345252527238797536574372415066384661533755665a67336365471002',
    ));

  it('GetPeerRegistryResponse with two peers', () =>
    roundTrip(
      p2p_api.GetPeerRegistryResponse,
      {
        peers: [
          p2p_api.PeerRegistryInfo.fromPartial({ id: PEER, reputation_score: 50 }),
          p2p_api.PeerRegistryInfo.fromPartial({ id: PEER_2, is_connected: true }),
        ],
      },
      '0a400a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e5661' +
        '71704474575a58665466364370435164a10100000000000049400a380a34313244334b6f6f574146' +
        '5857757867644a6f52736141344a345252527238797536574372415066384661533755665a673363' +
        '65473801',
    ));

  it('GetPeerResponse, found', () =>
    roundTrip(
      p2p_api.GetPeerResponse,
      {
        peer: p2p_api.PeerRegistryInfo.fromPartial({ id: PEER, height: 7, storage: 'pruned' }),
        found: true,
      },
      '0a410a34313244334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e5661' +
        '71704474575a586654663643704351641007ba01067072756e65641001',
    ));
});

describe('blockchain_api (Teranode blockchain service messages)', () => {
  it('HealthResponse with a timestamp (google.protobuf.Timestamp, millisecond precision)', () =>
    roundTrip(
      blockchain_api.HealthResponse,
      {
        ok: true,
        details: 'FSM RUNNING at height 915000',
        timestamp: new Date('2025-10-03T14:00:00.123Z'),
      },
      '0801121c46534d2052554e4e494e4720617420686569676874203931353030301a0b08e0adffc606' +
        '10c0a9d33a',
    ));

  it('GetBlockHeaderRequest, hash in internal byte order', () =>
    roundTrip(
      blockchain_api.GetBlockHeaderRequest,
      { blockHash: Buffer.from(HASH, 'hex').reverse() },
      '0a206fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000',
    ));

  it('SubscribeRequest', () =>
    roundTrip(
      blockchain_api.SubscribeRequest,
      { source: 'gossip-node' },
      '0a0b676f737369702d6e6f6465',
    ));

  it('NotificationMetadata with several entries', () =>
    roundTrip(
      blockchain_api.NotificationMetadata,
      { metadata: { failure_type: 'catchup', peer_id: PEER, reason: 'timed out after 30s' } },
      '0a170a0c6661696c7572655f747970651207636174636875700a3f0a07706565725f696412343132' +
        '44334b6f6f574a70424e687767766f5a31354542314a775254527078674d394e566171704474575a' +
        '586654663643704351640a1d0a06726561736f6e121374696d6564206f7574206166746572203330' +
        '73',
    ));

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

  it('Notification of a peer failure', () =>
    roundTrip(
      blockchain_api.Notification,
      {
        type: model.NotificationType.PeerFailure,
        hash: Buffer.from(HASH, 'hex').reverse(),
        base_URL: URL,
        metadata: { metadata: { failure_type: 'catchup', peer_id: PEER, reason: 'timed out' } },
      },
      '080612206fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d61900000000001a206874' +
        '7470733a2f2f6e6f6465312e6578616d706c652e636f6d2f6170692f7631226f0a170a0c6661696c' +
        '7572655f747970651207636174636875700a3f0a07706565725f69641234313244334b6f6f574a70' +
        '424e687767766f5a31354542314a775254527078674d394e566171704474575a5866546636437043' +
        '51640a130a06726561736f6e120974696d6564206f7574',
    ));

  it('GetBlockHeaderResponse', () =>
    roundTrip(
      blockchain_api.GetBlockHeaderResponse,
      {
        blockHeader: Buffer.from(Array.from({ length: 80 }, (_, i) => i)),
        id: 7,
        height: 915000,
        tx_count: '4312',
        size_in_bytes: '123456',
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

  it('GetBlockHeaderResponse with every field set (uint32 maxima, counts above 2^32)', () =>
    roundTrip(
      blockchain_api.GetBlockHeaderResponse,
      {
        blockHeader: Buffer.from(Array.from({ length: 80 }, (_, i) => 255 - i)),
        id: 4294967295,
        height: 915002,
        tx_count: '1099511627776',
        size_in_bytes: '4398046511104',
        miner: '/Teranode/node2/',
        peer_id: PEER_2,
        block_time: 4294967295,
        timestamp: 1759500600,
        chain_work: Buffer.from(
          '00000000000000000000000000000000000000000ee9f2b5d4c1a0b3c7d8e9f1',
          'hex',
        ),
        mined_set: true,
        subtrees_set: true,
        invalid: true,
      },
      '0a50fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0dfdedddcdbda' +
        'd9d8d7d6d5d4d3d2d1d0cfcecdcccbcac9c8c7c6c5c4c3c2c1c0bfbebdbcbbbab9b8b7b6b5b4b3b2' +
        'b1b010ffffffff0f18baec3720808080808020288080808080800132102f546572616e6f64652f6e' +
        '6f6465322f3a34313244334b6f6f5741465857757867644a6f52736141344a345252527238797536' +
        '574372415066384661533755665a673363654740ffffffff0f48b8b2ffc606522000000000000000' +
        '000000000000000000000000000ee9f2b5d4c1a0b3c7d8e9f1580160016801',
    ));

  it('GetFSMStateResponse', () =>
    roundTrip(
      blockchain_api.GetFSMStateResponse,
      { state: blockchain_api.FSMStateType.CATCHINGBLOCKS },
      '0802',
    ));

  it('GetFSMStateResponse LEGACYSYNCING', () =>
    roundTrip(
      blockchain_api.GetFSMStateResponse,
      { state: blockchain_api.FSMStateType.LEGACYSYNCING },
      '0803',
    ));
});
