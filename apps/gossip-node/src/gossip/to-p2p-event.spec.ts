import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { blockMessageCodec, nodeStatusMessageCodec } from '@teranode-p2p/gossip';
import { registryUpdateFor } from './registry-update.js';
import { toP2pEventRecord } from './to-p2p-event.js';

const HASH = '00000000000000000000000000000000000000000000000000000000000000ff';
const context = { senderPeerId: 'S', receiverPeerId: 'R', topic: 'T', receivedAtMs: 5 };

describe('P2PEvent records', () => {
  it('keys a block by its hash and carries every field', () => {
    const gossip = {
      kind: 'block' as const,
      hash: HASH,
      message: blockMessageCodec.create({ hash: 'FF', height: 3, header: 'aa' }),
    };
    const record = toP2pEventRecord(gossip, context)!;
    expect(record.key).toEqual(Buffer.from(HASH));
    expect(p2p_events.P2PEvent.decode(record.value)).toEqual(
      p2p_events.P2PEvent.fromPartial({
        sender_peer_id: 'S',
        receiver_peer_id: 'R',
        topic: 'T',
        received_at_ms: '5',
        block: { hash: HASH, height: 3, header: 'aa' },
      }),
    );
  });

  it('keys a node status by its sender and maps the details', () => {
    const message = nodeStatusMessageCodec.create({
      bestHeight: 9,
      blockAssemblyDetails: undefined,
    });
    const record = toP2pEventRecord({ kind: 'nodeStatus', hash: undefined, message }, context)!;
    expect(record.key).toEqual(Buffer.from('S'));
    expect(p2p_events.P2PEvent.decode(record.value).node_status?.best_height).toBe(9);
  });

  it('tells the registry only what the message knows', () => {
    const message = nodeStatusMessageCodec.create({ bestHeight: 0, baseUrl: 'u', clientName: 'c' });
    expect(registryUpdateFor({ kind: 'nodeStatus', hash: undefined, message }, 7)).toEqual({
      lastMessageAt: 7,
      height: undefined,
      blockHash: undefined,
      dataHubUrl: 'u',
      clientName: 'c',
    });
  });
});
