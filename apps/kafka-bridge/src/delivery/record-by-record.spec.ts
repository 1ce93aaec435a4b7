import { describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { deadLetterTopic, DLQ_HEADERS } from '@teranode-p2p/contracts';
import {
  MemoryMessageBus,
  Topic,
  type IncomingRecord,
  type RecordBatch,
} from '@teranode-p2p/kafka';
import { BadRecordError } from '@teranode-p2p/kafka-translation';
import { GrpcCallError } from '@teranode-p2p/service-runtime';
import { waitFor } from '@teranode-p2p/testing';
import { Registry } from 'prom-client';
import { BridgeMetrics, type RecordOutcome } from '../bridge-metrics.js';
import { DeadLetters } from './dead-letters.js';
import { recordByRecord } from './record-by-record.js';
import { RetrySchedule } from './retry-schedule.js';

const silent = { log() {}, warn() {}, error() {} };

function record(offset: number, value = `v${offset}`): IncomingRecord {
  return {
    topic: 'invalid-blocks',
    partition: 0,
    offset: String(offset),
    key: null,
    value: Buffer.from(value),
    headers: {},
    timestamp: '0',
  };
}

async function setup(maxAttempts = 3) {
  const bus = new MemoryMessageBus();
  const letters: IncomingRecord[] = [];
  await bus
    .createConsumer({ groupId: 'dlq', topics: ['dlq'], handler: async (r) => void letters.push(r) })
    .start();
  const retries = new RetrySchedule({ initialMs: 100, maxMs: 1_000 });
  const registry = new Registry();
  const deps = {
    deadLetters: new DeadLetters(
      await bus.createProducer(),
      Topic.of(deadLetterTopic, { KAFKA_DLQ: 'dlq' }),
      'kafka-bridge',
    ),
    retries,
    metrics: new BridgeMetrics(registry, () => retries.pending),
    logger: silent,
    maxAttempts,
  };
  return { bus, letters, deps, registry };
}

function batchOf(records: IncomingRecord[]) {
  const state = { resolved: [] as string[], retryIn: undefined as number | undefined };
  const batch: RecordBatch = {
    topic: 'invalid-blocks',
    partition: 0,
    records,
    resolveOffset: (offset) => void state.resolved.push(offset),
    heartbeat: async () => undefined,
    isRunning: () => true,
    retryLater: (ms) => (state.retryIn = ms),
  };
  return { batch, state };
}

describe('recordByRecord', () => {
  it('resolves each handled record and stops at a transient failure with a growing wait', async () => {
    const { deps, bus } = await setup(5);
    const handler = recordByRecord(async (r): Promise<RecordOutcome> => {
      if (r.offset === '1') throw new GrpcCallError('ban-service', status.UNAVAILABLE, 'down');
      return 'scored';
    }, deps);
    const first = batchOf([record(0), record(1), record(2)]);
    await handler(first.batch);
    expect(first.state).toEqual({ resolved: ['0'], retryIn: 100 });
    const second = batchOf([record(1), record(2)]);
    await handler(second.batch);
    expect(second.state).toEqual({ resolved: [], retryIn: 200 });
    expect(deps.retries.pending).toBe(1);
    await bus.close();
  });

  it('says when a partition moves again after failed attempts, once', async () => {
    const { deps, bus } = await setup(5);
    let down = true;
    const said: unknown[] = [];
    const handler = recordByRecord(
      async (): Promise<RecordOutcome> => {
        if (down) throw new GrpcCallError('ban-service', status.UNAVAILABLE, 'down');
        return 'scored';
      },
      { ...deps, logger: { ...silent, log: (entry: unknown) => void said.push(entry) } },
    );
    await handler(batchOf([record(0)]).batch);
    await handler(batchOf([record(0)]).batch);
    down = false;
    const { batch, state } = batchOf([record(0), record(1)]);
    await handler(batch);
    expect(state.resolved).toEqual(['0', '1']);
    expect(said).toEqual([
      expect.objectContaining({
        msg: expect.stringMatching(
          /^invalid-blocks partition 0 moves again after 2 failed attempts in \d+ ms \(last: ban-service: UNAVAILABLE: down\)$/,
        ),
        attempts: 2,
      }),
    ]);
    expect(deps.retries.pending).toBe(0);
    await bus.close();
  });

  it('sends bad records and permanent failures to the DLQ at once and goes on', async () => {
    const { deps, letters, bus } = await setup();
    const handler = recordByRecord(async (r): Promise<RecordOutcome> => {
      if (r.offset === '0') throw new BadRecordError('not a protobuf thing');
      if (r.offset === '1') throw new GrpcCallError('ban-service', status.INVALID_ARGUMENT, 'no');
      return 'scored';
    }, deps);
    const { batch, state } = batchOf([record(0), record(1), record(2)]);
    await handler(batch);
    expect(state).toEqual({ resolved: ['0', '1', '2'], retryIn: undefined });
    await waitFor('2 dead letters', () => letters.length === 2);
    expect(letters.map((l) => l.headers[DLQ_HEADERS.error]!.toString())).toEqual([
      'not a protobuf thing',
      'ban-service: INVALID_ARGUMENT: no',
    ]);
    expect(letters[1]!.value!.toString()).toBe('v1');
    await bus.close();
  });

  it('gives up after the last attempt: DLQ, then the next record', async () => {
    const { deps, letters, bus, registry } = await setup(3);
    const handler = recordByRecord(async (r): Promise<RecordOutcome> => {
      if (r.offset === '0') throw new GrpcCallError('ban-service', status.UNAVAILABLE, 'down');
      return 'scored';
    }, deps);
    for (let attempt = 1; attempt < 3; attempt++) {
      const { batch, state } = batchOf([record(0), record(1)]);
      await handler(batch);
      expect(state.resolved).toEqual([]);
    }
    const { batch, state } = batchOf([record(0), record(1)]);
    await handler(batch);
    expect(state).toEqual({ resolved: ['0', '1'], retryIn: undefined });
    await waitFor('the dead letter', () => letters.length === 1);
    expect(letters[0]!.headers[DLQ_HEADERS.error]!.toString()).toBe(
      'gave up after 3 attempts: ban-service: UNAVAILABLE: down',
    );
    expect(deps.retries.pending).toBe(0);
    const text = await registry.metrics();
    expect(text).toContain(
      'kafka_bridge_records_total{topic="invalid-blocks",outcome="dead_lettered"} 1',
    );
    expect(text).toContain('kafka_bridge_records_total{topic="invalid-blocks",outcome="scored"} 1');
    expect(text).toContain('kafka_bridge_retries_total{topic="invalid-blocks",cause="grpc"} 2');
    await bus.close();
  });

  it('refuses to mark records handled once the consumer is stopping', async () => {
    const { deps, bus } = await setup();
    const handler = recordByRecord(async () => 'scored', deps);
    const { batch, state } = batchOf([record(0)]);
    await expect(handler({ ...batch, isRunning: () => false })).rejects.toThrow(
      'consumer stopping',
    );
    expect(state.resolved).toEqual([]);
    await bus.close();
  });
});
