import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { PeerRegistry } from '@teranode-p2p/gossip';
import type { OutgoingRecord } from '@teranode-p2p/kafka';
import { waitFor } from '@teranode-p2p/testing';
import { Registry } from 'prom-client';
import { BanGate } from '../src/bans/ban-gate.js';
import { ScoreReporter } from '../src/bans/score-reporter.js';
import type { P2pEventPublisher } from '../src/bus/p2p-event-publisher.js';
import { GossipMetrics } from '../src/gossip/gossip-metrics.js';
import { InboundGossip, type AcceptedMessage } from '../src/gossip/inbound-gossip.js';
import { LowReputationSenders } from '../src/gossip/low-reputation-senders.js';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { blockGossip } from './support/gossip-fixtures.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const BLOCK_TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
const hash = (n: number) => n.toString(16).padStart(64, '0');

// What handling a delivered message throws would be an uncaught exception inside gossipsub's
// event dispatch (the process ends): here the bus publisher hits a defect once, over real
// libp2p hosts on 127.0.0.1, and the receiving side must count it and go on.
describe('a delivered gossip message whose handling fails', () => {
  let sender: Libp2pHost;
  let receiver: Libp2pHost;
  let inbound: InboundGossip;
  let scores: ScoreReporter;
  const registry = new Registry();
  const queued: OutgoingRecord[] = [];
  const accepted: AcceptedMessage[] = [];
  let failures = 0;

  beforeAll(async () => {
    sender = await startTestPeer();
    receiver = await startTestPeer();
    const settings = loadSettings({
      env: { network: 'regtest', ban_service_grpc_address: '127.0.0.1:1' },
    });
    const peers = new PeerRegistry(100);
    scores = new ScoreReporter(settings, registry);
    const events = {
      enqueue: (record: OutgoingRecord) => {
        if (failures-- > 0) throw new TypeError('a defect met by this message');
        queued.push(record);
        return true;
      },
    } as unknown as P2pEventPublisher;
    inbound = new InboundGossip(
      settings,
      receiver,
      peers,
      new GossipMetrics(registry, peers),
      new BanGate(100),
      scores,
      events,
      new LowReputationSenders(registry),
      registry,
    );
    inbound.onApplicationBootstrap();
    inbound.onAccepted((message) => accepted.push(message));
    await dialAndSubscribe(sender, receiver.getMultiaddrs()[0]!.toString(), [BLOCK_TOPIC]);
  }, 30_000);

  afterAll(async () => {
    inbound.beforeApplicationShutdown();
    scores.onApplicationShutdown();
    await Promise.all([sender.stop(), receiver.stop()]);
  });

  const errorCount = async () =>
    (await registry.getSingleMetric('gossip_node_gossip_messages_total')!.get()).values.find(
      (v) => v.labels.outcome === 'error' && v.labels.reason === 'internal',
    )?.value ?? 0;

  it('is counted as outcome=error, reason=internal, and the next message is handled', async () => {
    failures = 1;
    await sender.services.pubsub.publish(BLOCK_TOPIC, blockGossip(sender, { hash: hash(1) }));
    await waitFor('the failed handling to be counted', async () => (await errorCount()) === 1);
    expect(queued).toHaveLength(0);
    expect(accepted).toHaveLength(0);

    await sender.services.pubsub.publish(BLOCK_TOPIC, blockGossip(sender, { hash: hash(2) }));
    await waitFor('the next block to be queued for the bus', () => queued.length === 1);
    expect(accepted.map((m) => m.gossip.kind)).toEqual(['block']);
    expect(await errorCount()).toBe(1);
  }, 20_000);
});
