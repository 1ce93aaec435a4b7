import { describe, expect, it } from '@jest/globals';
import { Partitioners } from 'kafkajs';
import { partitionForKey } from './partition-for-key.js';

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
});
