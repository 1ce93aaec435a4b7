import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { nodeStatusMessageCodec, sealPayload, validateGossip } from '@teranode-p2p/gossip';
import { toP2pEventRecord } from '../gossip/to-p2p-event.js';
import { ownStatusEvent, ownStatusToBus } from './own-status-event.js';
import { ownNodeStatus } from './own-status.js';

const SELF = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';
const PEER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
const TOPIC = 'teranode/bitcoin/1.0.0/regtest-node_status';

const status = ownNodeStatus(
  {
    clientName: 'node1',
    listen_mode: 'full',
    asset_httpAddress: 'http://a/api/v1',
    asset_httpPublicAddress: undefined,
    asset_propagation_public_url: undefined,
    minminingtxfee: 0.000005,
    maxscriptsizepolicy: 500_000,
    maxtxsizepolicy: 10_485_760,
    maxtxsigopscountspolicy: 0,
    global_blockHeightRetention: 288,
    pruner_block_trigger: 'OnBlockPersisted',
  },
  SELF,
  1_700_000_000_123,
  {
    bestBlockHash: 'ab'.repeat(32),
    bestHeight: 7,
    fsmState: 'RUNNING',
    minerName: 'm',
    chainWork: '0f',
    blockPersisterHeight: 7,
  },
  { connectedPeers: 3 },
  1_700_000_012_456,
);

describe("the node's own node_status on the bus", () => {
  it('is an event from the node to itself, keyed by the node, with the status it announced', () => {
    const record = ownStatusEvent(status, SELF, TOPIC, 42);
    expect(record.key).toEqual(Buffer.from(SELF));
    const event = p2p_events.P2PEvent.decode(record.value);
    expect(event).toMatchObject({
      sender_peer_id: SELF,
      receiver_peer_id: SELF,
      topic: TOPIC,
      received_at_ms: '42',
      node_status: { peer_id: SELF, best_height: 7, uptime: 12.333, client_name: 'node1' },
    });
  });

  it("carries the same message as a peer's event of the published gossip (so copies are one message)", () => {
    const published = sealPayload(nodeStatusMessageCodec.encode(status), {
      envelope: true,
      name: 'node1',
    });
    const verdict = validateGossip('nodeStatus', published, {
      envelope: true,
      maxBytes: 1_048_576,
      blacklistedBaseUrls: [],
    });
    if (verdict.verdict !== 'accept') throw new Error(`not accepted: ${verdict.verdict}`);
    const atPeer = toP2pEventRecord(verdict.gossip, {
      senderPeerId: SELF,
      receiverPeerId: PEER,
      topic: TOPIC,
      receivedAtMs: 43,
    })!;
    const own = p2p_events.P2PEvent.decode(ownStatusEvent(status, SELF, TOPIC, 42).value);
    const peer = p2p_events.P2PEvent.decode(atPeer.value);
    expect({ ...peer, receiver_peer_id: SELF, received_at_ms: '42' }).toEqual(own);
  });

  it('queues one event per announcement', () => {
    const queued: { key: string | undefined; at: number }[] = [];
    const announced = ownStatusToBus(
      { enqueue: (record, at = 0) => queued.push({ key: record.key?.toString(), at }) > 0 },
      SELF,
    );
    announced(status, TOPIC);
    announced(status, TOPIC);
    expect(queued).toHaveLength(2);
    expect(queued.every((q) => q.key === SELF && q.at > 0)).toBe(true);
  });
});
