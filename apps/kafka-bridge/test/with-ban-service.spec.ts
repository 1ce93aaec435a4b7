import { credentials } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ban_service } from '@teranode-p2p/contracts';
import {
  createTestDatabase,
  freePort,
  requireKafka,
  spawnApp,
  uniqueName,
  waitFor,
  type SpawnedApp,
  type TestDatabase,
} from '@teranode-p2p/testing';
import {
  API_KEY,
  blockEvent,
  freshTopics,
  hashOf,
  invalidBlock,
  RecordWriter,
  SENDER,
  spawnBridge,
  type Topics,
} from './support/bridge-fixture.js';

// The two real services together: an invalid block reported by Teranode ends up as ban score
// on the peer that announced it, in ban-service's PostgreSQL.
describe('kafka-bridge with the real ban-service', () => {
  let database: TestDatabase;
  let banService: SpawnedApp;
  let bridge: SpawnedApp;
  let writer: RecordWriter;
  let topics: Topics;
  let client: ban_service.BanServiceClient;

  beforeAll(async () => {
    const brokers = await requireKafka();
    database = await createTestDatabase('bridge_ban');
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    banService = await spawnApp('ban-service', {
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_BAN_EVENTS: uniqueName('bridge-ban-events'),
        ban_service_grpc_listen_address: `127.0.0.1:${grpcPort}`,
        ban_service_http_listen_address: `127.0.0.1:${httpPort}`,
        grpc_admin_api_key: API_KEY,
      },
      readyWhen: /ban-service ready/,
    });
    topics = freshTopics();
    writer = await RecordWriter.start(brokers);
    bridge = await spawnBridge({ brokers, topics, grpcAddress: `127.0.0.1:${grpcPort}` });
    client = new ban_service.BanServiceClient(
      `127.0.0.1:${grpcPort}`,
      credentials.createInsecure(),
    );
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await bridge?.stop();
    await writer?.close();
    await banService?.stop();
    await database?.drop();
  });

  it('adds invalid_block points to the announcer of an invalid block', async () => {
    const hash = hashOf(7, 99);
    await writer.send(topics.KAFKA_P2P_EVENTS, [blockEvent(hash)]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await writer.send(topics.KAFKA_INVALID_BLOCKS, [invalidBlock(hash)]);
    const score = await waitFor(
      'the announcer to be scored',
      () =>
        new Promise<ban_service.PeerScore | undefined>((resolve) =>
          client.getScore({ peer_id: SENDER }, (error, response) =>
            resolve(!error && response.score > 0 ? response : undefined),
          ),
        ),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(score).toMatchObject({ peer_id: SENDER, score: 10, banned: false });
    expect(score.recent_reasons.map((r) => r.reason)).toEqual(['invalid_block']);
  }, 60_000);
});
