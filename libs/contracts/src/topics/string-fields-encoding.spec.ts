import { describe, expect, it } from '@jest/globals';
import { kafkamessage } from '../index.js';
import { encodeStringFields } from './string-fields-encoding.js';

describe('encodeStringFields', () => {
  it.each([
    [
      'all fields',
      {
        hash: 'ab'.repeat(32),
        URL: 'https://node1.example.com/api/v1',
        peer_id: '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
      },
    ],
    ['empty fields omitted', { hash: 'ab'.repeat(32), URL: '', peer_id: '' }],
    ['nothing', { hash: '', URL: '', peer_id: '' }],
    ['multi-byte UTF-8', { hash: 'h', URL: 'https://nœud.example/ä/🚀', peer_id: 'p' }],
    ['a length over 127 (two-byte varint)', { hash: 'x', URL: 'u'.repeat(300), peer_id: 'p' }],
    [
      'a length over 16,383 (three-byte varint)',
      { hash: 'x', URL: 'u'.repeat(20_000), peer_id: '' },
    ],
  ])('writes exactly what ts-proto writes for KafkaBlockTopicMessage: %s', (_what, message) => {
    const expected = Buffer.from(kafkamessage.KafkaBlockTopicMessage.encode(message).finish());
    const actual = encodeStringFields([message.hash, message.URL, message.peer_id]);
    expect(actual.toString('hex')).toBe(expected.toString('hex'));
    expect(kafkamessage.KafkaSubtreeTopicMessage.decode(actual)).toEqual(message);
  });

  it('refuses field numbers that need a longer tag', () => {
    expect(() => encodeStringFields(Array.from({ length: 16 }, () => 'x'))).toThrow(RangeError);
  });
});
