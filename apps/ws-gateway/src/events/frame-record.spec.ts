import { describe, expect, it } from '@jest/globals';
import { p2p_events, p2pEventsTopic } from '@teranode-p2p/contracts';
import { frameRecord } from './frame-record.js';

type EventFields = Parameters<typeof p2p_events.P2PEvent.fromPartial>[0];

function encode(fields: EventFields): Buffer {
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

  const INT64_MAX = '9223372036854775807';
  const INT64_MIN = '-9223372036854775808';
  const UINT64_MAX = '18446744073709551615';

  it.each<[string, EventFields]>([
    ['received_at_ms at int64 max', { received_at_ms: INT64_MAX, subtree: { hash: 'h' } }],
    ['received_at_ms past the last Date', { received_at_ms: '8640000000000001', subtree: {} }],
    ['received_at_ms at int64 min', { received_at_ms: INT64_MIN, subtree: { hash: 'h' } }],
    [
      "node_status's int64 and uint64 fields at their extremes",
      {
        received_at_ms: INT64_MAX,
        node_status: {
          start_time: INT64_MIN,
          sync_connected_at: INT64_MAX,
          connected_peers_count: INT64_MIN,
          tx_count: UINT64_MAX,
          best_height: 4294967295,
          uptime: Number.NaN,
          min_mining_tx_fee: Number.POSITIVE_INFINITY,
          fee_policy: {
            mining_fee: { satoshis: UINT64_MAX, bytes: UINT64_MAX },
            max_script_size_policy: UINT64_MAX,
          },
        },
      },
    ],
    [
      "mining_on's counts at uint64 max",
      {
        received_at_ms: INT64_MAX,
        mining_on: { hash: 'h', tx_count: UINT64_MAX, size_in_bytes: UINT64_MAX },
      },
    ],
  ])('frames an event with %s, stamped now when its time is no date', (_what, fields) => {
    const nowMs = Date.parse('2026-12-06T13:30:00Z');
    const outcome = frameRecord(encode(fields), nowMs);
    expect(outcome.kind).toBe('notification');
    if (outcome.kind !== 'notification') return;
    const text = outcome.notification.frame.toString('utf8');
    const json = JSON.parse(text.slice(text.indexOf('{'))) as Record<string, unknown>;
    expect(json['timestamp']).toBe('2026-12-06T13:30:00Z');
  });

  it('answers a failure while framing with a reason instead of throwing', () => {
    const outcome = frameRecord(encode({ subtree: { hash: 'h' } }), 0, () => {
      throw new TypeError('a defect met by this record');
    });
    expect(outcome).toEqual({
      kind: 'invalid',
      reason: 'unframeable',
      detail: 'TypeError: a defect met by this record',
    });
  });
});
