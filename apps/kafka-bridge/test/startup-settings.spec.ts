import { describe, expect, it } from '@jest/globals';
import { startWithSettings } from '@teranode-p2p/testing';

// The built app, started as operators start it, with one bad setting at a time: it must stop
// at once with exit code 78 and one line naming the setting, the value and what is expected.
describe('kafka-bridge refuses to start with a bad setting', () => {
  it.each([
    [
      'KAFKA_BROKERS',
      'localhost',
      'expected entries separated by | or , each a Kafka broker host:port, such as localhost:9092; entry 1 "localhost" is not',
    ],
  ])('%s=%s', async (key, value, expected) => {
    const { code, lines } = await startWithSettings('kafka-bridge', { [key]: value });
    expect(code).toBe(78);
    expect(lines).toEqual([`kafka-bridge: invalid setting ${key}="${value}": ${expected}`]);
  });
});
