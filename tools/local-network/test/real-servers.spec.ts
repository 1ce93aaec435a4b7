import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { blocksTopic, type kafkamessage } from '@teranode-p2p/contracts';
import { KafkaMessageBus, type BusConsumer } from '@teranode-p2p/kafka';
import {
  createTestDatabase,
  requireKafka,
  spawnNode,
  uniqueName,
  waitFor,
  workspaceRoot,
  type SpawnedApp,
  type TestDatabase,
} from '@teranode-p2p/testing';
import pg from 'pg';

const main = join(workspaceRoot, 'tools/local-network/dist/main.js');
const BASE_PORT = 24000;

// `npm start` with DATABASE_URL and KAFKA_BROKERS set: the same network on the real
// PostgreSQL and the real Kafka broker, its topics renamed so that runs never meet.
describe('the local network on real PostgreSQL and Kafka', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-network-real-'));
  const topics = {
    KAFKA_P2P_EVENTS: uniqueName('p2p-events'),
    KAFKA_BAN_EVENTS: uniqueName('ban-events'),
    KAFKA_BLOCKS: uniqueName('blocks'),
    KAFKA_SUBTREES: uniqueName('subtrees'),
    KAFKA_REJECTEDTX: uniqueName('rejectedtx'),
    KAFKA_INVALID_BLOCKS: uniqueName('invalid-blocks'),
    KAFKA_INVALID_SUBTREES: uniqueName('invalid-subtrees'),
    KAFKA_DLQ: uniqueName('dlq'),
  };
  let database: TestDatabase;
  let bus: KafkaMessageBus;
  let reader: BusConsumer;
  const bridged: kafkamessage.KafkaBlockTopicMessage[] = [];
  let network: SpawnedApp;

  beforeAll(async () => {
    const brokers = await requireKafka();
    database = await createTestDatabase('local_network');
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('local-network-test') });
    await bus.ensureTopics([{ topic: topics.KAFKA_BLOCKS }]);
    reader = bus.createConsumer({
      groupId: uniqueName('blocks-reader'),
      topics: [topics.KAFKA_BLOCKS],
      fromBeginning: true,
      handler: async (record) => {
        bridged.push(blocksTopic.fromRecord(record));
      },
    });
    await reader.start();
    network = await spawnNode(main, {
      env: {
        LOCAL_DATA_DIR: dataDir,
        LOCAL_BASE_PORT: String(BASE_PORT),
        LOCAL_BLOCK_INTERVAL: '1s',
        HOME: process.env['HOME'] ?? '/tmp',
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers.join(','),
        ...topics,
      },
      readyWhen: /Ctrl-C stops the network/,
      readyTimeoutMs: 90_000,
    });
  }, 150_000);

  afterAll(async () => {
    await network?.stop('SIGINT', 20_000);
    await reader?.stop();
    await bus?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('bridges a mined block to Teranode’s blocks topic on the real broker', async () => {
    await waitFor('a KafkaBlockTopicMessage from the bridge', () => bridged.length > 0, {
      timeoutMs: 60_000,
    });
    const [block] = bridged;
    expect(block!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(block!.URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const peers = [...network.output().matchAll(/\/p2p\/(12D3KooW\w+)/g)].map((m) => m[1]);
    expect(peers).toContain(block!.peer_id);
  }, 90_000);

  it('keeps a ban made with p2pctl in the real PostgreSQL, and says which servers it uses', async () => {
    expect(network.output()).toMatch(/database +PostgreSQL \(postgres:\/\/teranode:\*\*\*@/);
    expect(network.output()).toMatch(/message bus +Kafka 127\.0\.0\.1:\d+/);
    const key = /admin key +([0-9a-f]{32})/.exec(network.output())![1]!;
    const ban = await spawnNode(join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'), {
      args: [
        'ban',
        '198.51.100.0/24',
        '--for',
        '1h',
        '--reason',
        'real servers',
        `--ban-service=127.0.0.1:${BASE_PORT + 2}`,
        `--api-key=${key}`,
      ],
    });
    expect(await ban.exited).toBe(0);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query('SELECT cidr::text AS cidr, reason FROM bans');
      expect(rows.rows).toEqual([{ cidr: '198.51.100.0/24', reason: 'real servers' }]);
    } finally {
      await client.end();
    }
  }, 30_000);
});
