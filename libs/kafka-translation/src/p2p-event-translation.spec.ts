import { describe, expect, it } from '@jest/globals';
import { blocksTopic, p2p_events, subtreesTopic } from '@teranode-p2p/contracts';
import { BadRecordError } from './bad-record-error.js';
import { translateP2PEvent } from './p2p-event-translation.js';

const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const GENESIS = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const URL = 'https://node1.example.com/api/v1';

function encode(event: Partial<p2p_events.P2PEvent>): Buffer {
  return Buffer.from(
    p2p_events.P2PEvent.encode(
      p2p_events.P2PEvent.fromPartial({ sender_peer_id: PEER, ...event }),
    ).finish(),
  );
}

describe('translateP2PEvent', () => {
  it('turns a block announcement into a KafkaBlockTopicMessage (keyed by the hash hex, as Teranode writes it today)', () => {
    const result = translateP2PEvent(
      encode({
        block: {
          hash: GENESIS.toUpperCase(),
          height: 0,
          data_hub_url: URL,
          peer_id: 'someone-else-claimed',
          header: '',
          coinbase: '',
        },
      }),
    );
    expect(result.kind).toBe('announcement');
    if (result.kind !== 'announcement') return;
    const { announcement } = result;
    expect(announcement).toMatchObject({ kind: 'block', hash: GENESIS, announcer: PEER, url: URL });
    expect(announcement.message).toEqual({ hash: GENESIS, URL, peer_id: PEER });
    expect(blocksTopic.toRecord(announcement.message).key!.toString()).toBe(GENESIS);
  });

  it('turns a subtree announcement into a KafkaSubtreeTopicMessage, short hashes zero-padded', () => {
    const result = translateP2PEvent(
      encode({ subtree: { hash: 'ABC', data_hub_url: URL, peer_id: PEER } }),
    );
    if (result.kind !== 'announcement') throw new Error(`unexpected ${result.kind}`);
    const hash = '0'.repeat(61) + 'abc';
    expect(result.announcement.kind).toBe('subtree');
    expect(result.announcement.message).toEqual({ hash, URL, peer_id: PEER });
    const record = subtreesTopic.toRecord(result.announcement.message);
    expect(record.key!.toString()).toBe(hash);
  });

  it("forwards and remembers nothing of a low-reputation sender's subtree, node_status or rejected tx, but still its block", () => {
    const skipped = { skip_processing: true };
    const subtree = { hash: 'abc', data_hub_url: URL, peer_id: PEER };
    const notForwarded = { kind: 'not-forwarded', payload: 'low_reputation' };
    expect(translateP2PEvent(encode({ ...skipped, subtree }))).toEqual(notForwarded);
    expect(translateP2PEvent(encode({ subtree })).kind).toBe('announcement');
    const node_status = p2p_events.NodeStatus.fromPartial({ base_url: URL });
    expect(translateP2PEvent(encode({ ...skipped, node_status }))).toEqual(notForwarded);
    const rejected_tx = { tx_id: GENESIS, reason: 'fee', peer_id: PEER };
    expect(translateP2PEvent(encode({ ...skipped, rejected_tx }))).toEqual(notForwarded);
    const block = p2p_events.BlockAnnouncement.fromPartial({ hash: GENESIS, data_hub_url: URL });
    const forwarded = translateP2PEvent(encode({ ...skipped, block }));
    expect(forwarded).toMatchObject({ kind: 'announcement', announcement: { kind: 'block' } });
  });

  it("neither forwards nor remembers a node's own announcement (sender = receiver)", () => {
    const own = { sender_peer_id: PEER, receiver_peer_id: PEER };
    expect(
      translateP2PEvent(
        encode({ ...own, node_status: p2p_events.NodeStatus.fromPartial({ base_url: URL }) }),
      ),
    ).toEqual({ kind: 'not-forwarded', payload: 'own' });
    expect(
      translateP2PEvent(
        encode({ ...own, block: p2p_events.BlockAnnouncement.fromPartial({ hash: GENESIS }) }),
      ),
    ).toEqual({ kind: 'not-forwarded', payload: 'own' });
  });

  it('remembers node_status base URLs and forwards nothing else', () => {
    expect(
      translateP2PEvent(
        encode({ node_status: p2p_events.NodeStatus.fromPartial({ base_url: URL }) }),
      ),
    ).toEqual({ kind: 'peer-url', peerId: PEER, url: URL });
    expect(
      translateP2PEvent(encode({ node_status: p2p_events.NodeStatus.fromPartial({}) })),
    ).toEqual({
      kind: 'not-forwarded',
      payload: 'node_status',
    });
    expect(
      translateP2PEvent(encode({ rejected_tx: { tx_id: GENESIS, reason: 'x', peer_id: PEER } })),
    ).toEqual({ kind: 'not-forwarded', payload: 'rejected_tx' });
    expect(
      translateP2PEvent(
        encode({ mining_on: p2p_events.MiningOnAnnouncement.fromPartial({ hash: GENESIS }) }),
      ),
    ).toEqual({ kind: 'not-forwarded', payload: 'mining_on' });
  });

  it.each([
    ['a null value', null, 'empty record, expected P2PEvent'],
    ['no bytes', Buffer.alloc(0), 'empty record, expected P2PEvent'],
    ['text', Buffer.from('not protobuf at all'), 'not a protobuf P2PEvent'],
    ['JSON', Buffer.from(JSON.stringify({ hash: GENESIS })), 'not a protobuf P2PEvent'],
    [
      'truncated protobuf',
      encode({ subtree: { hash: GENESIS, data_hub_url: URL, peer_id: PEER } }).subarray(0, 30),
      'not a protobuf P2PEvent',
    ],
    [
      'no sender',
      encode({ sender_peer_id: '', subtree: { hash: GENESIS, data_hub_url: '', peer_id: '' } }),
      'sender_peer_id is empty',
    ],
    [
      'a bad sender',
      encode({
        sender_peer_id: 'teranode1',
        subtree: { hash: GENESIS, data_hub_url: '', peer_id: '' },
      }),
      'sender_peer_id "teranode1" is not a peer ID',
    ],
    ['no payload', encode({}), 'P2PEvent has no payload'],
    [
      'a non-hex hash',
      encode({
        block: {
          hash: 'zz',
          height: 1,
          data_hub_url: URL,
          peer_id: PEER,
          header: '',
          coinbase: '',
        },
      }),
      'block.hash: hash "zz" is not hexadecimal',
    ],
    [
      'an empty hash',
      encode({ subtree: { hash: '', data_hub_url: URL, peer_id: PEER } }),
      'subtree.hash is empty',
    ],
    [
      'a long hash',
      encode({ subtree: { hash: 'a'.repeat(65), data_hub_url: URL, peer_id: PEER } }),
      'is longer than 64 hex digits',
    ],
  ])('rejects %s with a BadRecordError', (_what, value, message) => {
    let caught: unknown;
    try {
      translateP2PEvent(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadRecordError);
    expect((caught as Error).message).toContain(message);
  });
});

describe('translateP2PEvent with a set of checked senders', () => {
  it('checks a sender once per set and still refuses bad ones', () => {
    const checked = new Set<string>();
    const event = encode({ subtree: { hash: GENESIS, data_hub_url: URL, peer_id: PEER } });
    expect(translateP2PEvent(event, checked).kind).toBe('announcement');
    expect([...checked]).toEqual([PEER]);
    expect(translateP2PEvent(event, checked).kind).toBe('announcement');
    expect(() =>
      translateP2PEvent(
        encode({
          sender_peer_id: 'bad',
          subtree: { hash: GENESIS, data_hub_url: '', peer_id: '' },
        }),
        checked,
      ),
    ).toThrow('sender_peer_id "bad" is not a peer ID');
    expect([...checked]).toEqual([PEER]);
  });
});
