import { describe, expect, it } from '@jest/globals';
import { deadLetter, DLQ_HEADERS } from './dead-letter.js';

describe('deadLetter', () => {
  it('keeps the original key, bytes and headers and adds where it came from and why it failed', () => {
    const letter = deadLetter(
      {
        topic: 'invalid-blocks',
        partition: 3,
        offset: '42',
        key: Buffer.from('k'),
        value: Buffer.from([0xff, 0x00, 0x13]),
        headers: { trace: Buffer.from('abc'), 'dlq.error': Buffer.from('stale'), gone: undefined },
        timestamp: '1700000000000',
      },
      'x'.repeat(5_000),
      'kafka-bridge',
      1_800_000_000_000,
    );
    expect(letter.key).toEqual(Buffer.from('k'));
    expect(letter.value).toEqual(Buffer.from([0xff, 0x00, 0x13]));
    expect(letter.headers).toEqual({
      trace: Buffer.from('abc'),
      [DLQ_HEADERS.topic]: 'invalid-blocks',
      [DLQ_HEADERS.partition]: '3',
      [DLQ_HEADERS.offset]: '42',
      [DLQ_HEADERS.timestamp]: '1700000000000',
      [DLQ_HEADERS.error]: 'x'.repeat(1_000),
      [DLQ_HEADERS.service]: 'kafka-bridge',
      [DLQ_HEADERS.failedAt]: '1800000000000',
    });
  });

  it('stores an empty value for a record that had none', () => {
    const letter = deadLetter(
      {
        topic: 't',
        partition: 0,
        offset: '0',
        key: null,
        value: null,
        headers: {},
        timestamp: '0',
      },
      'empty record',
      's',
      0,
    );
    expect(letter.value.length).toBe(0);
    expect(letter.key).toBeNull();
  });
});
