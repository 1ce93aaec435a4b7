import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { blocksTopic, DLQ_HEADERS } from '@teranode-p2p/contracts';
import { blockEvent, hashOf, metric, SENDER } from './support/bridge-fixture.js';
import { startBridgeRig, type BridgeRig } from './support/bridge-rig.js';

const url = (bytes: number) => `https://hub.example/${'a'.repeat(bytes)}`;

// Teranode's blocks topic takes 4 KiB records and the DLQ 16 KiB: announcements whose
// translation does not fit go to the DLQ (without their value when even the letter does not
// fit), and the announcements around them are forwarded; nothing stops the partition.
describe('kafka-bridge with records larger than a topic takes', () => {
  let rig: BridgeRig;

  beforeAll(async () => {
    rig = await startBridgeRig({
      grpcUp: true,
      read: (t) => [t.KAFKA_BLOCKS, t.KAFKA_DLQ],
      create: (t) => [
        { topic: t.KAFKA_BLOCKS, maxMessageBytes: 4_096 },
        { topic: t.KAFKA_DLQ, maxMessageBytes: 16_384 },
      ],
    });
  }, 120_000);

  afterAll(() => rig?.close());

  it('dead-letters what the blocks topic refuses and forwards the rest', async () => {
    const [before, tooLarge, muchTooLarge, after] = [1, 2, 3, 4].map((n) => hashOf(n, 7));
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [
      blockEvent(before!),
      blockEvent(tooLarge!, SENDER, url(8_000)),
      blockEvent(muchTooLarge!, SENDER, url(30_000)),
      blockEvent(after!),
    ]);

    const blocks = await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, 2);
    expect(blocks.map((r) => blocksTopic.decode(r.value!).hash)).toEqual([before, after]);
    const letters = await rig.reader.waitFor(rig.topics.KAFKA_DLQ, 2);
    const header = (i: number, name: string) => letters[i]!.headers[name]?.toString();
    expect(header(0, DLQ_HEADERS.error)).toMatch(
      new RegExp(`^${rig.topics.KAFKA_BLOCKS} refused its translation \\(too_large\\)`),
    );
    expect(letters[0]!.value!.length).toBeGreaterThan(8_000);
    expect(header(0, DLQ_HEADERS.valueDropped)).toBeUndefined();
    // The second letter would carry a 30 KB value: it goes without, saying why.
    expect(header(1, DLQ_HEADERS.error)).toMatch(/refused its translation \(too_large\)/);
    expect(letters[1]!.value!.length).toBe(0);
    expect(header(1, DLQ_HEADERS.valueDropped)).toMatch(/^too_large: /);
    expect(header(1, DLQ_HEADERS.topic)).toBe(rig.topics.KAFKA_P2P_EVENTS);

    const topic = { topic: rig.topics.KAFKA_P2P_EVENTS };
    const count = (outcome: string) =>
      metric(rig.bridge.metricsUrl, 'kafka_bridge_records_total', { ...topic, outcome });
    expect(await count('forwarded')).toBe(2);
    expect(await count('dead_lettered')).toBe(2);
    expect(await count('dropped')).toBe(0);
    expect(await metric(rig.bridge.metricsUrl, 'kafka_bridge_retries_total')).toBe(0);
    const readiness = await fetch(rig.bridge.metricsUrl.replace('/metrics', '/health/readiness'));
    expect(readiness.status).toBe(200);
  }, 60_000);
});
