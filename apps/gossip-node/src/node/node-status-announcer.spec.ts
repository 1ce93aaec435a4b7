import { describe, expect, it } from '@jest/globals';
import { nodeStatusMessageCodec, PeerRegistry, type NodeStatusMessage } from '@teranode-p2p/gossip';
import { Registry } from 'prom-client';
import { GossipMetrics } from '../gossip/gossip-metrics.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { NodeStatusAnnouncer } from './node-status-announcer.js';

const TOPIC = 'teranode/bitcoin/1.0.0/regtest-node_status';
const log = { log() {}, warn() {}, error() {}, debug() {} };

function announcerFor(silent: boolean) {
  const sent: Uint8Array[] = [];
  const host = {
    services: {
      pubsub: {
        publish: async (_topic: string, bytes: Uint8Array) => {
          sent.push(bytes);
          return { recipients: [] };
        },
      },
    },
  } as unknown as Libp2pHost;
  const publisher = new GossipPublisher(
    host,
    { envelope: true, name: 'n', maxBytes: 1_048_576, silent },
    () => TOPIC,
    new GossipMetrics(new Registry(), new PeerRegistry(10)),
  );
  const announced: [NodeStatusMessage, string][] = [];
  const status = nodeStatusMessageCodec.create({ type: 'node_status', listenMode: 'silent' });
  const announcer = new NodeStatusAnnouncer(
    publisher,
    () => status,
    (s, topic) => announced.push([s, topic]),
    log,
  );
  return { announcer, sent, announced, status };
}

describe('node_status announcements', () => {
  it('in silent mode go on no topic but still to the bus (the WebSocket feed), as Teranode', async () => {
    const { announcer, sent, announced, status } = announcerFor(true);
    await announcer.announce();
    expect(sent).toEqual([]);
    expect(announced).toEqual([[status, TOPIC]]);
  });

  it('otherwise are published, then passed on', async () => {
    const { announcer, sent, announced } = announcerFor(false);
    await announcer.announce();
    expect(sent).toHaveLength(1);
    expect(announced).toHaveLength(1);
  });
});
