import { describe, expect, it } from '@jest/globals';
import { kafkamessage, p2p_events } from '../index.js';
import {
  banEventsTopic,
  blocksTopic,
  blocksTopicKeyedBy,
  deadLetterTopic,
  DLQ_HEADERS,
  invalidBlocksTopic,
  invalidSubtreesTopic,
  p2pEventsTopic,
  RecordDecodeError,
  rejectedTxTopic,
  subtreesTopic,
  subtreesTopicKeyedBy,
  topicContracts,
  type DeadLetter,
  type ProtobufTopicContract,
  type ReceivedRecord,
  type TopicRecord,
} from './index.js';

const GENESIS = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const GENESIS_INTERNAL = '6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000';
const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const URL = 'https://node1.example.com/api/v1';

/** A produced record as a consumer receives it: header values as bytes. */
function asConsumed(record: TopicRecord): ReceivedRecord {
  const headers = Object.entries(record.headers ?? {}).map(([n, v]) => [n, Buffer.from(v)]);
  return { key: record.key, value: record.value, headers: Object.fromEntries(headers) };
}

function decodeError(decode: () => unknown): RecordDecodeError {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(RecordDecodeError);
    return error as RecordDecodeError;
  }
  throw new Error('decoded garbage without an error');
}

/** What every protobuf topic must do with bytes that are not its message. */
function refusesGarbage<T>(contract: ProtobufTopicContract<T>, truncated: Buffer): void {
  const holds = contract.holds;
  for (const empty of [null, Buffer.alloc(0)]) {
    const error = decodeError(() => contract.decode(empty));
    expect([error.reason, error.message]).toEqual([
      'empty_record',
      `empty record, expected ${holds}`,
    ]);
  }
  for (const garbage of [Buffer.from([0xff, 0xff, 0xff, 0xff]), truncated]) {
    const error = decodeError(() => contract.fromRecord({ key: null, value: garbage }));
    expect(error.reason).toBe('undecodable');
    expect(error.message).toMatch(new RegExp(`^not a protobuf ${holds}: .+`));
  }
}

const event = (fields: Partial<p2p_events.P2PEvent>) =>
  p2p_events.P2PEvent.fromPartial({
    sender_peer_id: PEER,
    receiver_peer_id: 'receiver',
    topic: 'teranode/bitcoin/1.0.0/mainnet-block',
    received_at_ms: '1700000000000',
    ...fields,
  });

describe('p2p.events', () => {
  it.each([
    [
      'a block by its hash',
      { block: p2p_events.BlockAnnouncement.fromPartial({ hash: GENESIS }) },
      GENESIS,
    ],
    [
      'a subtree by its hash',
      { subtree: { hash: 'ab'.repeat(32), data_hub_url: URL, peer_id: PEER } },
      'ab'.repeat(32),
    ],
    [
      'a mining-on by its hash',
      { mining_on: p2p_events.MiningOnAnnouncement.fromPartial({ hash: 'cd'.repeat(32) }) },
      'cd'.repeat(32),
    ],
    [
      'a rejected tx by its ID',
      { rejected_tx: { tx_id: 'ef'.repeat(32), reason: 'r', peer_id: PEER } },
      'ef'.repeat(32),
    ],
    [
      'a node status by its sender',
      { node_status: p2p_events.NodeStatus.fromPartial({ best_height: 9 }) },
      PEER,
    ],
  ])('keys %s (hex text) and round-trips the event', (_what, payload, key) => {
    const message = event(payload);
    const record = p2pEventsTopic.toRecord(message);
    expect(record.key).toEqual(Buffer.from(key, 'utf8'));
    expect(record.value).toEqual(Buffer.from(p2p_events.P2PEvent.encode(message).finish()));
    expect(p2pEventsTopic.fromRecord(asConsumed(record))).toEqual(message);
  });

  it('refuses garbage saying a P2PEvent was expected', () =>
    refusesGarbage(
      p2pEventsTopic,
      p2pEventsTopic
        .encode(event({ block: p2p_events.BlockAnnouncement.fromPartial({ hash: GENESIS }) }))
        .subarray(0, 30),
    ));
});

describe('p2p.ban-events', () => {
  const ban = p2p_events.BanEvent.fromPartial({
    action: p2p_events.BanAction.BAN_ACTION_ADDED,
    kind: p2p_events.BanKind.BAN_KIND_SUBNET,
    value: '10.0.0.0/8',
    until: '4000000000',
    reason: 'manual',
    source: p2p_events.BanSource.BAN_SOURCE_MANUAL,
    at_ms: '1700000000000',
  });

  it('keys a change by the banned value and round-trips it', () => {
    const record = banEventsTopic.toRecord(ban);
    expect(record.key).toEqual(Buffer.from('10.0.0.0/8'));
    expect(record.value).toEqual(Buffer.from(p2p_events.BanEvent.encode(ban).finish()));
    expect(banEventsTopic.decode(record.value)).toEqual(ban);
  });

  it('refuses garbage saying a BanEvent was expected', () =>
    refusesGarbage(banEventsTopic, banEventsTopic.encode(ban).subarray(0, 8)));
});

describe("Teranode's blocks and subtrees", () => {
  it.each([
    ['blocks', blocksTopic, kafkamessage.KafkaBlockTopicMessage],
    ['subtrees', subtreesTopic, kafkamessage.KafkaSubtreeTopicMessage],
  ] as const)(
    "%s: keyed by the hash's display hex as text (today's Teranode), the bytes ts-proto writes",
    (_topic, contract, codec) => {
      const message = { hash: GENESIS, URL, peer_id: PEER };
      const record = contract.toRecord(message);
      expect(record.key).toEqual(Buffer.from(GENESIS, 'utf8'));
      // The generated encoder's bytes are pinned by teranode-wire-bytes.spec.ts.
      expect(record.value.toString('hex')).toBe(
        Buffer.from(codec.encode(message).finish()).toString('hex'),
      );
      expect(contract.fromRecord(asConsumed(record))).toEqual(message);
      expect(contract.toRecord({ hash: GENESIS, URL: '', peer_id: '' }).value).toEqual(
        Buffer.from(codec.encode({ hash: GENESIS, URL: '', peer_id: '' }).finish()),
      );
    },
  );

  it.each([
    ['blocks', blocksTopicKeyedBy],
    ['subtrees', subtreesTopicKeyedBy],
  ] as const)(
    '%s for Teranode v0.11: keyed by the 32 hash bytes in internal order',
    (_t, keyed) => {
      const record = keyed('hash-bytes').toRecord({ hash: GENESIS, URL, peer_id: PEER });
      expect(record.key!.toString('hex')).toBe(GENESIS_INTERNAL);
      expect(record.value).toEqual(
        blocksTopic.toRecord({ hash: GENESIS, URL, peer_id: PEER }).value,
      );
    },
  );

  it('refuses to key a record by anything but a 64-digit lower-case hash', () => {
    for (const hash of ['zz', GENESIS.toUpperCase(), GENESIS.slice(2), ''])
      expect(() => blocksTopic.toRecord({ hash, URL, peer_id: PEER })).toThrow(
        /is not 64 lower-case hex digits/,
      );
  });

  it('refuses garbage saying which message was expected', () => {
    const value = blocksTopic.encode({ hash: GENESIS, URL, peer_id: PEER });
    refusesGarbage(blocksTopic, value.subarray(0, 20));
    refusesGarbage(subtreesTopic, value.subarray(0, 20));
  });
});

describe("Teranode's rejectedtx, invalid-blocks and invalid-subtrees", () => {
  it.each([
    [rejectedTxTopic, { txHash: GENESIS, reason: 'double spend', peer_id: PEER }],
    [invalidBlocksTopic, { blockHash: GENESIS, reason: 'bad merkle root' }],
    [invalidSubtreesTopic, { subtreeHash: GENESIS, peerUrl: URL, reason: 'missing tx' }],
  ] as const)('%#: round-trips, without a key of ours', (contract, message) => {
    const typed = contract as ProtobufTopicContract<typeof message>;
    const record = typed.toRecord(message);
    expect(record.key).toBeNull();
    expect(typed.fromRecord(asConsumed(record))).toEqual(message);
    refusesGarbage(typed, record.value.subarray(0, 10));
  });
});

describe('the dead-letter topic', () => {
  const original = {
    topic: 'invalid-blocks',
    partition: 3,
    offset: '42',
    key: Buffer.from('k'),
    value: Buffer.from([0xff, 0x00, 0x13]),
    headers: { trace: Buffer.from('abc'), 'dlq.error': Buffer.from('stale'), gone: undefined },
    timestamp: '1700000000000',
  };
  const letter: DeadLetter = {
    original,
    error: 'x'.repeat(5_000),
    service: 'kafka-bridge',
    failedAtMs: 1_800_000_000_000,
  };

  it('keeps the original key, bytes and headers and adds where it came from and why it failed', () => {
    const record = deadLetterTopic.toRecord(letter);
    expect(record.key).toEqual(Buffer.from('k'));
    expect(record.value).toEqual(Buffer.from([0xff, 0x00, 0x13]));
    expect(Object.entries(record.headers!)).toEqual([
      ['trace', Buffer.from('abc')],
      [DLQ_HEADERS.topic, 'invalid-blocks'],
      [DLQ_HEADERS.partition, '3'],
      [DLQ_HEADERS.offset, '42'],
      [DLQ_HEADERS.timestamp, '1700000000000'],
      [DLQ_HEADERS.error, 'x'.repeat(1_000)],
      [DLQ_HEADERS.service, 'kafka-bridge'],
      [DLQ_HEADERS.failedAt, '1800000000000'],
    ]);
  });

  it('reads a letter back from the record as it is consumed', () => {
    const consumed = asConsumed(deadLetterTopic.toRecord(letter));
    expect(deadLetterTopic.fromRecord(consumed)).toEqual({
      ...letter,
      original: { ...original, headers: { trace: Buffer.from('abc') } },
      error: 'x'.repeat(1_000),
    });
  });

  it('leaves out the original value and headers when the topic refused them, saying why', () => {
    const record = deadLetterTopic.toRecord({ ...letter, valueDropped: 'too_large: 2 MB' });
    expect(record.key).toEqual(Buffer.from('k'));
    expect(record.value.length).toBe(0);
    expect(Object.keys(record.headers!)).toEqual([
      ...Object.values(DLQ_HEADERS).filter((h) => h !== DLQ_HEADERS.valueDropped),
      DLQ_HEADERS.valueDropped,
    ]);
    expect(record.headers![DLQ_HEADERS.valueDropped]).toBe('too_large: 2 MB');
  });

  it('stores an empty value for a record that had none', () => {
    const record = deadLetterTopic.toRecord({
      ...letter,
      original: { ...original, value: null, key: null },
    });
    expect(record.value.length).toBe(0);
    expect(record.key).toBeNull();
  });

  it('refuses a record without the dlq headers, naming the one missing', () => {
    const error = decodeError(() =>
      deadLetterTopic.fromRecord({ key: null, value: Buffer.from('x'), headers: {} }),
    );
    expect([error.reason, error.message]).toEqual([
      'invalid',
      'not a dead letter: no dlq.original.topic header',
    ]);
    const headers = {
      ...asConsumed(deadLetterTopic.toRecord(letter)).headers,
      [DLQ_HEADERS.partition]: Buffer.from('three'),
    };
    expect(
      decodeError(() => deadLetterTopic.fromRecord({ key: null, value: null, headers })).message,
    ).toBe('not a dead letter: dlq.original.partition is "three", not a whole number');
  });
});

describe('topicContracts', () => {
  it('names every topic by its own setting', () => {
    const settings = topicContracts.map((c) => c.setting);
    expect(new Set(settings).size).toBe(settings.length);
    expect([...settings].sort()).toEqual([
      'KAFKA_BAN_EVENTS',
      'KAFKA_BLOCKS',
      'KAFKA_DLQ',
      'KAFKA_INVALID_BLOCKS',
      'KAFKA_INVALID_SUBTREES',
      'KAFKA_P2P_EVENTS',
      'KAFKA_REJECTEDTX',
      'KAFKA_SUBTREES',
    ]);
  });
});
