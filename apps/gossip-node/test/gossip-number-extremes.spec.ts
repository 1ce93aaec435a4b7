import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sealPayload } from '@teranode-p2p/gossip';
import { numberedHash, requireKafka, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { blockGossip, PUBLIC_HUB } from './support/gossip-fixtures.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const TOPIC = {
  block: 'teranode/bitcoin/1.0.0/regtest-block',
  nodeStatus: 'teranode/bitcoin/1.0.0/regtest-node_status',
  miningOn: 'teranode/bitcoin/1.0.0/regtest-miningon',
};
const INT64_MAX = '9223372036854775807';
const INT64_MIN = '-9223372036854775808';
const UINT64_MAX = '18446744073709551615';
/** 2^53 + 1: the first integer a JS number cannot hold. */
const PAST_SAFE = '9007199254740993';

// Go's encoding/json takes every int64 and uint64 up to its limits, so a Teranode peer may send
// them; the P2PEvent carries them as decimal text. A JS number in between rounded them (2^63 − 1
// became 9223372036854776000, which no int64 holds) and encoding the event threw.
describe('gossip with 64-bit numbers at their limits, from a real libp2p peer', () => {
  let collector: P2pEventCollector;
  let banService: BanServiceDouble;
  let node: NodeProcess;
  let peer: Libp2pHost;

  const send = (topic: string, json: string) =>
    peer.services.pubsub.publish(
      topic,
      sealPayload(new TextEncoder().encode(json), { envelope: true, name: 'tester' }),
    );

  beforeAll(async () => {
    const events = await collectEvents(await requireKafka());
    collector = events.collector;
    banService = await startBanServiceDouble();
    node = await startNodeProcess({
      ...events.env,
      ban_service_grpc_address: banService.address,
      p2p_min_peers: '0',
      p2p_dht_mode: 'off',
      p2p_mining_on_enabled: 'true',
    });
    peer = await startTestPeer();
    await dialAndSubscribe(peer, node.multiaddr, Object.values(TOPIC));
  }, 90_000);

  afterAll(async () => {
    await peer?.stop();
    await node?.app.stop();
    await banService?.stop();
    await collector?.stop();
  });

  it('carries them exactly into the P2PEvent and goes on with the next message', async () => {
    const author = peer.peerId.toString();
    await send(
      TOPIC.nodeStatus,
      `{"type":"node_status","peer_id":"${author}","base_url":"${PUBLIC_HUB}","best_height":1,` +
        `"start_time":${INT64_MAX},"sync_connected_at":${INT64_MIN},"connected_peers_count":${INT64_MAX},` +
        `"tx_count":${PAST_SAFE},"fee_policy":{"miningFee":{"satoshis":${UINT64_MAX},"bytes":${PAST_SAFE}},` +
        `"maxscriptsizepolicy":${UINT64_MAX},"maxtxsizepolicy":0,"maxtxsigopscountspolicy":0}}`,
    );
    await send(
      TOPIC.miningOn,
      `{"Hash":"${numberedHash(1)}","PreviousHash":"${numberedHash(0)}","DataHubURL":"${PUBLIC_HUB}",` +
        `"PeerID":"${author}","Height":1,"Miner":"m","SizeInBytes":${UINT64_MAX},"TxCount":${PAST_SAFE}}`,
    );
    await peer.services.pubsub.publish(TOPIC.block, blockGossip(peer, { hash: numberedHash(2) }));

    // The node's own node_status goes to the topic too.
    const fromPeer = () => collector.events.filter(({ event }) => event.sender_peer_id === author);
    await waitFor('the peer’s node_status, mining_on and block on Kafka', () =>
      ['node_status', 'mining_on', 'block'].every((kind) =>
        fromPeer().some(({ event }) => event[kind as 'block'] !== undefined),
      ),
    );
    const status = fromPeer().find(({ event }) => event.node_status)!.event.node_status!;
    expect([
      status.start_time,
      status.sync_connected_at,
      status.connected_peers_count,
      status.tx_count,
      status.fee_policy?.mining_fee?.satoshis,
      status.fee_policy?.mining_fee?.bytes,
      status.fee_policy?.max_script_size_policy,
    ]).toEqual([INT64_MAX, INT64_MIN, INT64_MAX, PAST_SAFE, UINT64_MAX, PAST_SAFE, UINT64_MAX]);
    const miningOn = fromPeer().find(({ event }) => event.mining_on)!.event.mining_on!;
    expect([miningOn.size_in_bytes, miningOn.tx_count]).toEqual([UINT64_MAX, PAST_SAFE]);
    expect(await node.metric('gossip_node_gossip_messages_total', 'outcome="accept"')).toBe(3);
  });
});
