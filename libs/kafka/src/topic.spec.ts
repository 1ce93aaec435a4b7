import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import { loadSettings } from '@teranode-p2p/config';
import * as contracts from '@teranode-p2p/contracts';
import { MemoryMessageBus } from './memory-message-bus.js';
import type { IncomingRecord } from './message-bus.js';
import { Topic } from './topic.js';

const { blocksTopic, p2p_events, p2pEventsTopic, RecordDecodeError } = contracts;

describe('Topic', () => {
  it('every contract names a declared setting, which has a default name', () => {
    const settings = loadSettings({ env: {} }) as unknown as Record<string, unknown>;
    for (const contract of contracts.topicContracts)
      expect([contract.setting, typeof settings[contract.setting]]).toEqual([
        contract.setting,
        'string',
      ]);
  });

  it('takes its name from the settings and its creation spec from the contract', () => {
    const settings = loadSettings({ env: { KAFKA_BLOCKS: 'teranode-blocks' } });
    const blocks = Topic.of(blocksTopic, settings);
    expect(blocks.name).toBe('teranode-blocks');
    expect(blocks.spec).toEqual({
      topic: 'teranode-blocks',
      partitions: undefined,
      maxMessageBytes: undefined,
    });
  });

  it('sends messages encoded by the contract and reads them back from consumed records', async () => {
    const settings = loadSettings({ env: {} });
    const events = Topic.of(p2pEventsTopic, settings);
    const bus = new MemoryMessageBus();
    const seen: IncomingRecord[] = [];
    await bus
      .createConsumer({
        groupId: 'g',
        topics: [events.name],
        handler: async (record) => void seen.push(record),
      })
      .start();
    const event = p2p_events.P2PEvent.fromPartial({
      sender_peer_id: 's',
      block: p2p_events.BlockAnnouncement.fromPartial({ hash: 'ab'.repeat(32), height: 1 }),
    });
    const producer = await bus.createProducer();
    expect(await events.send(producer, [event])).toEqual({ refused: [], requests: 1 });
    await producer.send(events.name, [{ value: Buffer.from('garbage') }]);
    await waitFor('2 records', () => seen.length >= 2);
    expect(seen[0]!.key).toEqual(Buffer.from('ab'.repeat(32)));
    expect(events.read(seen[0]!)).toEqual(event);
    expect(() => events.read(seen[1]!)).toThrow(RecordDecodeError);
    expect(() => events.read(seen[1]!)).toThrow(/^not a protobuf P2PEvent: /);
    await bus.close();
  });
});
