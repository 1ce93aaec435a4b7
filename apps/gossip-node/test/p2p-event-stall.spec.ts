import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, startPrivateKafka, waitFor, type PrivateKafka } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { blockGossip } from './support/gossip-fixtures.js';
import { readiness } from './support/readiness.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const BLOCK_TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';

// A broker of the test's own stops while announcements arrive: the P2PEvents wait, and once
// they have not moved for kafka_stall_timeout readiness says so, naming the queue; when the
// broker is back they go out and readiness recovers.
describe('gossip-node readiness with a stuck P2PEvent queue', () => {
  let kafka: PrivateKafka;
  let banService: BanServiceDouble;
  let node: NodeProcess;
  let peer: Libp2pHost;
  const block = (n: number) =>
    blockGossip(peer, { hash: n.toString(16).padStart(64, '0'), height: n }, 'peer');

  beforeAll(async () => {
    kafka = await startPrivateKafka(await freePort(), await freePort());
    banService = await startBanServiceDouble();
    node = await startNodeProcess({
      network: 'regtest',
      KAFKA_BROKERS: kafka.address,
      ban_service_grpc_address: banService.address,
      p2p_min_peers: '0',
      kafka_stall_timeout: '2s',
    });
    peer = await startTestPeer();
    await dialAndSubscribe(peer, node.multiaddr, [BLOCK_TOPIC]);
  }, 180_000);

  afterAll(async () => {
    await peer?.stop();
    await node?.app.stop();
    await banService?.stop();
    await kafka?.destroy();
  }, 60_000);

  it('answers 503 naming p2p-events with what waits, then recovers', async () => {
    await peer.services.pubsub.publish(BLOCK_TOPIC, block(1));
    await waitFor(
      'the first event on the broker',
      async () => (await node.metric('gossip_node_p2p_events_published_total')) >= 1,
    );
    expect((await readiness(node)).info['p2p-events']).toMatchObject({ queued: 0 });

    await kafka.stop();
    for (const n of [2, 3, 4]) await peer.services.pubsub.publish(BLOCK_TOPIC, block(n));
    await waitFor(
      'readiness to name the stuck queue with its last error',
      async () => {
        const state = await readiness(node);
        return state.status === 503 && typeof state.error['p2p-events']?.['lastError'] === 'string';
      },
      { timeoutMs: 30_000 },
    ).catch(async (error: unknown) => {
      console.log(JSON.stringify(await readiness(node)), node.app.output().slice(-3000));
      throw error;
    });
    const stuck = (await readiness(node)).error['p2p-events']!;
    expect(stuck).toMatchObject({ status: 'down' });
    // The three blocks, and the node's own node_status when one fell due meanwhile.
    expect(Number(stuck['queued'])).toBeGreaterThanOrEqual(3);
    expect(String(stuck['message'])).toMatch(
      /^P2PEvents to p2p\.events has made no progress for \d+ s: /,
    );
    expect(Number(stuck['stalledMs'])).toBeGreaterThan(2000);

    await kafka.start();
    await waitFor(
      'the queued events sent and readiness recovered',
      async () =>
        (await node.metric('gossip_node_p2p_events_published_total')) >= 4 &&
        (await readiness(node)).info['p2p-events'] !== undefined,
      { timeoutMs: 60_000 },
    );
    expect(await node.metric('gossip_node_p2p_events_queue_size')).toBe(0);
    // The log says it recovered, as it said it was failing.
    expect(node.app.output()).toMatch(
      /sending P2PEvents to p2p\.events works again \(after \d+ ms and \d+ failed attempts\)/,
    );
  }, 150_000);
});
