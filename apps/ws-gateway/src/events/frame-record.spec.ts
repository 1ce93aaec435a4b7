import { describe, expect, it } from '@jest/globals';
import { p2p_events, p2pEventsTopic } from '@teranode-p2p/contracts';
import { frameRecord } from './frame-record.js';

function encode(fields: Parameters<typeof p2p_events.P2PEvent.fromPartial>[0]): Buffer {
  return p2pEventsTopic.encode(p2p_events.P2PEvent.fromPartial(fields));
}

describe('frameRecord', () => {
  it('frames a subtree event once, as a complete text frame', () => {
    const outcome = frameRecord(
      encode({
        receiver_peer_id: 'node1',
        received_at_ms: '1000',
        subtree: { hash: 'h', data_hub_url: 'u', peer_id: 'p' },
      }),
      0,
    );
    expect(outcome.kind).toBe('notification');
    if (outcome.kind !== 'notification') return;
    const json =
      '{"timestamp":"1970-01-01T00:00:01Z","type":"subtree","hash":"h","base_url":"u","peer_id":"p","best_height":0}';
    expect(outcome.notification.type).toBe('subtree');
    expect(outcome.notification.frame).toEqual(
      Buffer.concat([Buffer.from([0x81, json.length]), Buffer.from(json)]),
    );
    expect(outcome.receiverPeerId).toBe('node1');
    expect(outcome.nodeStatusKey).toBeUndefined();
  });

  it('keys node_status by the payload peer ID, else the sender', () => {
    const withPeer = frameRecord(encode({ sender_peer_id: 's', node_status: { peer_id: 'p' } }), 0);
    const withoutPeer = frameRecord(encode({ sender_peer_id: 's', node_status: {} }), 0);
    expect(withPeer.kind === 'notification' && withPeer.nodeStatusKey).toBe('p');
    expect(withoutPeer.kind === 'notification' && withoutPeer.nodeStatusKey).toBe('s');
  });

  it('frames a copy of a message already shown not again, naming the node that received it', () => {
    const value = encode({ receiver_peer_id: 'node2', subtree: { hash: 'h' } });
    expect(frameRecord(value, 0, () => false)).toEqual({
      kind: 'duplicate',
      receiverPeerId: 'node2',
    });
    expect(frameRecord(value, 0, () => true).kind).toBe('notification');
  });

  it('shows nothing for a rejected transaction', () => {
    expect(frameRecord(encode({ rejected_tx: { tx_id: 't' } }), 0)).toEqual({ kind: 'not_shown' });
  });

  it.each([
    ['a null value', null, 'empty_record'],
    ['an empty value', Buffer.alloc(0), 'empty_record'],
    ['bytes that are not protobuf', Buffer.from([0xff, 0xff, 0xff, 0xff]), 'undecodable'],
    [
      'a truncated event',
      encode({ subtree: { hash: 'x'.repeat(50) } }).subarray(0, 10),
      'undecodable',
    ],
    ['an event without payload', encode({ sender_peer_id: 's' }), 'no_payload'],
  ])('refuses %s with a reason', (_what, value, reason) => {
    const outcome = frameRecord(value, 0);
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.reason).toBe(reason);
    expect(outcome.kind === 'invalid' && outcome.detail.length).toBeGreaterThan(0);
  });
});
