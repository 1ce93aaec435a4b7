import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  freePort,
  numberedHash,
  type PrivateKafka,
  requireKafka,
  startPrivateKafka,
  uniqueName,
  waitFor,
} from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { blockGossip } from './support/gossip-fixtures.js';
import { P2pEventCollector } from './support/p2p-event-collector.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

/** runServiceMain's bound on a shutdown. */
const SHUTDOWN_GRACE_MS = 20_000;
const BLOCK_TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
const QUEUED = 40;

// A broker of this test's own, frozen (SIGSTOP) so the node's P2PEvents pile up in its queue;
// SIGTERM then, and the broker is thawed while the node shuts down.
describe('gossip-node shutdown', () => {
  let kafka: PrivateKafka;
  let collector: P2pEventCollector;
  let banService: BanServiceDouble;
  let node: NodeProcess;
  let peer: Libp2pHost;

  beforeAll(async () => {
    await requireKafka();
    kafka = await startPrivateKafka(await freePort(), await freePort());
    collector = new P2pEventCollector([kafka.address], uniqueName('p2p-events'));
    await collector.start();
    banService = await startBanServiceDouble();
    node = await startNodeProcess({
      network: 'regtest',
      KAFKA_BROKERS: kafka.address,
      KAFKA_P2P_EVENTS: collector.topic,
      ban_service_grpc_address: banService.address,
      p2p_private_key: (await newNodeKey()).hex,
    });
    peer = await startTestPeer();
    await dialAndSubscribe(peer, node.multiaddr, [BLOCK_TOPIC]);
  }, 180_000);

  afterAll(async () => {
    kafka?.thaw();
    await peer?.stop();
    await node?.app.stop('SIGKILL');
    await banService?.stop();
    await collector?.stop();
    await kafka?.destroy();
  }, 60_000);

  const publishBlock = (n: number) =>
    peer.services.pubsub.publish(
      BLOCK_TOPIC,
      blockGossip(peer, { hash: numberedHash(n, 'b'), height: n }),
    );
  const delivered = () =>
    new Set(collector.events.map((e) => e.event.block?.hash).filter((h) => h !== undefined));

  it('on SIGTERM sends the P2PEvents still queued for a stalled broker, then exits 0', async () => {
    await waitFor(
      'the first event on the broker',
      async () => {
        await publishBlock(0);
        return delivered().has(numberedHash(0, 'b'));
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );

    await waitFor(
      'an empty queue',
      async () => (await node.metric('gossip_node_p2p_events_queue_size')) === 0,
    );
    kafka.freeze();
    for (let n = 1; n <= QUEUED; n++) await publishBlock(n);
    await waitFor(
      `${QUEUED} events queued in the node`,
      async () => (await node.metric('gossip_node_p2p_events_queue_size')) === QUEUED,
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect([...delivered()]).toEqual([numberedHash(0, 'b')]);

    const sigtermAt = Date.now();
    node.app.process.kill('SIGTERM');
    setTimeout(() => kafka.thaw(), 1_000);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      node.app.exited,
      new Promise((resolve) => (timer = setTimeout(() => resolve('running'), SHUTDOWN_GRACE_MS))),
    ]);
    clearTimeout(timer);
    const tookMs = Date.now() - sigtermAt;
    if (code !== 0) console.log(node.app.output().split('\n').slice(-10).join('\n'));
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_GRACE_MS);

    const expected = Array.from({ length: QUEUED + 1 }, (_, n) => numberedHash(n, 'b'));
    await waitFor('every queued event on the broker', () => delivered().size === QUEUED + 1, {
      timeoutMs: 20_000,
    });
    expect([...delivered()].sort()).toEqual(expected.sort());
    console.log(`gossip-node SIGTERM: ${QUEUED} queued events sent, exit ${code} in ${tookMs} ms`);
  }, 90_000);
});
