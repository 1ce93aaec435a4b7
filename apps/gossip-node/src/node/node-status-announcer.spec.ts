import { describe, expect, it } from '@jest/globals';
import { peerIdFromString } from '@libp2p/peer-id';
import { p2p_events } from '@teranode-p2p/contracts';
import type { OutgoingRecord } from '@teranode-p2p/kafka';
import { nodeStatusMessageCodec, PeerRegistry } from '@teranode-p2p/gossip';
import { Registry } from 'prom-client';
import { GossipMetrics } from '../gossip/gossip-metrics.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { NodeStatusAnnouncer } from './node-status-announcer.js';

const TOPIC = 'teranode/bitcoin/1.0.0/regtest-node_status';
const PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

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
  const announced: OutgoingRecord[] = [];
  const status = nodeStatusMessageCodec.create({ type: 'node_status', listenMode: 'silent' });
  const announcer = new NodeStatusAnnouncer(
    { p2p_node_status_enabled: true },
    publisher,
    { current: () => status },
    { enqueue: (record) => announced.push(record) > 0 },
    { peerId: peerIdFromString(PEER_ID) },
    { ownBlockListeners: new Set() },
  );
  return { announcer, sent, announced, status };
}

describe('node_status announcements', () => {
  it('in silent mode go on no topic but still to the bus (the WebSocket feed), as Teranode', async () => {
    const { announcer, sent, announced, status } = announcerFor(true);
    await announcer.announce();
    expect(sent).toEqual([]);
    expect(announced).toHaveLength(1);
    expect(p2p_events.P2PEvent.decode(announced[0]!.value)).toMatchObject({
      sender_peer_id: PEER_ID,
      receiver_peer_id: PEER_ID,
      topic: TOPIC,
      node_status: { listen_mode: status.listenMode },
    });
  });

  it('otherwise are published, then passed on', async () => {
    const { announcer, sent, announced } = announcerFor(false);
    await announcer.announce();
    expect(sent).toHaveLength(1);
    expect(announced).toHaveLength(1);
  });
});
