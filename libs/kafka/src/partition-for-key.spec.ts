import { describe, expect, it } from '@jest/globals';
import { Partitioners } from 'kafkajs';
import { keyHashPartitioner, partitionForKey } from './partition-for-key.js';

describe('partitionForKey', () => {
  // kafkajs' DefaultPartitioner is Java-compatible murmur2: our in-process bus must agree with
  // it so a record keyed by a hash lands on the same partition on both buses.
  const kafkajs = Partitioners.DefaultPartitioner();
  const partitionMetadata = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      partitionId: i,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));

  it.each([1, 2, 3, 7, 12])(
    'agrees with kafkajs for %i partitions on keys of every tail length',
    (n) => {
      for (let length = 0; length < 40; length++) {
        const key = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + length * 11) & 0xff));
        if (length === 0) continue;
        const expected = kafkajs({
          topic: 't',
          partitionMetadata: partitionMetadata(n),
          message: { key, value: null },
        });
        expect(partitionForKey(key, n)).toBe(expected);
      }
    },
  );

  it('sends keyless records to partition 0', () => {
    expect(partitionForKey(null, 8)).toBe(0);
  });

  describe('keyHashPartitioner', () => {
    const ours = keyHashPartitioner();
    const place = (message: { key?: Buffer | string | null; partition?: number }, n = 12) =>
      ours({
        topic: 't',
        partitionMetadata: partitionMetadata(n),
        message: { value: null, ...message },
      });

    it('places keyed records where kafkajs does, Buffer and string keys alike', () => {
      for (let i = 0; i < 500; i++) {
        const key = `12D3KooW${i.toString(36).repeat(1 + (i % 9))}`;
        for (const n of [1, 4, 12]) {
          const expected = kafkajs({
            topic: 't',
            partitionMetadata: partitionMetadata(n),
            message: { key, value: null },
          });
          expect(place({ key }, n)).toBe(expected);
          expect(place({ key: Buffer.from(key) }, n)).toBe(expected);
        }
      }
      expect(place({ key: '' })).toBe(
        kafkajs({
          topic: 't',
          partitionMetadata: partitionMetadata(12),
          message: { key: '', value: null },
        }),
      );
    });

    it('keeps an explicit partition, also for keyed records', () => {
      expect(place({ key: 'k', partition: 5 })).toBe(5);
      expect(place({ partition: 0 })).toBe(0);
    });

    it('spreads keyless records over every partition', () => {
      const seen = new Set(Array.from({ length: 24 }, () => place({ key: null })));
      expect(seen.size).toBe(12);
    });
  });
});
