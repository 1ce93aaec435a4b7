import { credentials, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { headerHash, parseHeader } from '@teranode-p2p/chain';
import { blockchain_api, kafkamessage, model } from '@teranode-p2p/contracts';
import {
  freePort,
  requireKafka,
  spawnApp,
  uniqueName,
  waitFor,
  type SpawnedApp,
} from '@teranode-p2p/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';

// simulator_catch_up on the real broker: a block on KAFKA_BLOCKS that the simulated chain does
// not know (gossip-node's catch-up trigger) turns the FSM from RUNNING to CATCHINGBLOCKS.
describe('blockchain-simulator with simulator_catch_up', () => {
  let app: SpawnedApp;
  let client: blockchain_api.BlockchainAPIClient;
  let producer: Producer;
  let topic: string;
  let httpPort: number;

  const call = <T>(fn: (cb: (error: ServiceError | null, value: T) => void) => void) =>
    new Promise<T>((resolve, reject) =>
      fn((error, value) => (error ? reject(error) : resolve(value))),
    );
  const fsm = async () =>
    (await call<blockchain_api.GetFSMStateResponse>((cb) => client.getFsmCurrentState({}, cb)))
      .state;
  const send = (hash: string, value?: Buffer) =>
    producer.send({
      topic,
      messages: [
        {
          key: hash,
          value:
            value ??
            Buffer.from(
              kafkamessage.KafkaBlockTopicMessage.encode({
                hash,
                URL: 'https://ahead.example/api/v1',
                peer_id: '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
              }).finish(),
            ),
        },
      ],
    });

  beforeAll(async () => {
    const brokers = await requireKafka();
    topic = uniqueName('sim-blocks');
    const kafka = new Kafka({ brokers, clientId: 'sim-catch-up-test', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic }] });
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    const grpcPort = await freePort();
    httpPort = await freePort();
    app = await spawnApp('blockchain-simulator', {
      env: {
        simulator_grpc_listen_address: `127.0.0.1:${grpcPort}`,
        simulator_http_listen_address: `127.0.0.1:${httpPort}`,
        simulator_block_interval: '1h',
        simulator_catch_up: 'true',
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_BLOCKS: topic,
        log_level: 'info',
      },
      readyWhen: /blockchain-simulator ready/,
    });
    client = new blockchain_api.BlockchainAPIClient(
      `127.0.0.1:${grpcPort}`,
      credentials.createInsecure(),
    );
    await waitFor('the simulator reading its blocks topic', () =>
      app.output().includes(`reading ${topic}`),
    );
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await producer?.disconnect();
    await app?.stop();
  });

  it('stays RUNNING for a block it knows and for garbage, and keeps running', async () => {
    const best = await call<blockchain_api.GetBlockHeaderResponse>((cb) =>
      client.getBestBlockHeader({}, cb),
    );
    const known = headerHash(parseHeader(best.blockHeader));
    await send(known);
    // The same key, so the same partition: read after the known block.
    await send(known, Buffer.from([0xff, 0xff, 0xff]));
    await waitFor('the garbage record skipped', () => app.output().includes('skipped a record'), {
      timeoutMs: 15_000,
    });
    expect(await fsm()).toBe(blockchain_api.FSMStateType.RUNNING);
  }, 30_000);

  it('turns CATCHINGBLOCKS on a block it does not know, and tells subscribers', async () => {
    const notifications: blockchain_api.Notification[] = [];
    const stream = client.subscribe({ source: 'test' });
    stream.on('data', (n: blockchain_api.Notification) => notifications.push(n));
    stream.on('error', () => undefined);
    // Kafka can be quicker than the subscription: the block only once the simulator counts it.
    await waitFor('the subscription open on the simulator', async () =>
      /^simulator_subscribers\{[^}]*\} 1$/m.test(
        await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text(),
      ),
    );
    await send('ab'.repeat(32));
    await waitFor(
      'an FSMState notification',
      () => notifications.some((n) => n.type === model.NotificationType.FSMState),
      { timeoutMs: 15_000 },
    );
    stream.cancel();
    expect(await fsm()).toBe(blockchain_api.FSMStateType.CATCHINGBLOCKS);
    expect(app.output()).toContain(`catching up to ${'ab'.repeat(32)}`);
  }, 30_000);
});
