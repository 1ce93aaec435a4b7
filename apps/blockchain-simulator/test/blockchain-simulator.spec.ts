import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  doubleSha256,
  headerHash,
  internalBytesToHash,
  meetsTarget,
  parseHeader,
} from '@teranode-p2p/chain';
import { blockchain_api, model } from '@teranode-p2p/contracts';
import {
  freePort,
  spawnApp,
  startWithSettings,
  waitFor,
  type SpawnedApp,
} from '@teranode-p2p/testing';

type Notification = blockchain_api.Notification;

// The built simulator as a process, called by the generated grpc-js client like gossip-node does.
describe('blockchain-simulator', () => {
  let app: SpawnedApp;
  let client: blockchain_api.BlockchainAPIClient;
  let httpPort: number;

  beforeAll(async () => {
    const grpcPort = await freePort();
    httpPort = await freePort();
    app = await spawnApp('blockchain-simulator', {
      env: {
        simulator_grpc_listen_address: `127.0.0.1:${grpcPort}`,
        simulator_http_listen_address: `127.0.0.1:${httpPort}`,
        simulator_block_interval: '300ms',
        simulator_subtrees_per_block: '2',
        simulator_max_subscribers: '2',
        simulator_block_persister_lag: '2',
        asset_httpPublicAddress: 'http://node1.test/api/v1',
      },
      readyWhen: /blockchain-simulator ready/,
    });
    client = new blockchain_api.BlockchainAPIClient(
      `127.0.0.1:${grpcPort}`,
      credentials.createInsecure(),
    );
  });

  afterAll(async () => {
    client?.close();
    await app?.stop();
  });

  const call = <T>(fn: (cb: (error: ServiceError | null, value: T) => void) => void) =>
    new Promise<T>((resolve, reject) =>
      fn((error, value) => (error ? reject(error) : resolve(value))),
    );

  it('streams two subtree notifications, the block, then mining-on for it, and serves a valid header for that block', async () => {
    const received: Notification[] = [];
    const stream = client.subscribe({ source: 'test' });
    stream.on('data', (n: Notification) => received.push(n));
    stream.on('error', () => undefined);
    // The subscription may start mid-block: the first whole cycle is a block with two
    // notifications before it and one after it.
    const wholeCycleAt = () =>
      received.findIndex(
        (n, i) => n.type === model.NotificationType.Block && i >= 2 && i + 1 < received.length,
      );
    await waitFor('a block notification and the mining-on after it', () => wholeCycleAt() >= 0, {
      timeoutMs: 5000,
    });
    stream.cancel();
    const blockIndex = wholeCycleAt();
    const [subtreeA, subtreeB, block, miningOn] = received.slice(blockIndex - 2, blockIndex + 2);
    expect([subtreeA!.type, subtreeB!.type]).toEqual([
      model.NotificationType.Subtree,
      model.NotificationType.Subtree,
    ]);
    expect(miningOn!.type).toBe(model.NotificationType.NotUsed);
    expect(Buffer.from(miningOn!.hash).equals(Buffer.from(block!.hash))).toBe(true);
    expect(block!.base_URL).toBe('http://node1.test/api/v1');
    expect(block!.hash).toHaveLength(32);

    const header = await call<blockchain_api.GetBlockHeaderResponse>((cb) =>
      client.getBlockHeader({ blockHash: block!.hash }, cb),
    );
    expect(header.blockHeader).toHaveLength(80);
    // The notification carries the hash in internal byte order: the double SHA-256 of the header.
    expect(Buffer.from(doubleSha256(header.blockHeader)).equals(Buffer.from(block!.hash))).toBe(
      true,
    );
    const parsed = parseHeader(header.blockHeader);
    expect(meetsTarget(parsed)).toBe(true);
    expect(header.height).toBe(Number(block!.metadata!.metadata['height']));
    expect(header.miner).toBe('/teranode-p2p-simulator/');

    const parent = await call<blockchain_api.GetBlockHeaderResponse>((cb) =>
      client.getBlockHeader({ blockHash: Buffer.from(parsed.previousHash, 'hex').reverse() }, cb),
    );
    expect(parent.height).toBe(header.height - 1);
    expect(headerHash(parseHeader(parent.blockHeader))).toBe(parsed.previousHash);
  });

  it('answers the best block, the FSM state and health', async () => {
    const best = await call<blockchain_api.GetBlockHeaderResponse>((cb) =>
      client.getBestBlockHeader({}, cb),
    );
    expect(best.height).toBeGreaterThan(0);
    const fsm = await call<blockchain_api.GetFSMStateResponse>((cb) =>
      client.getFsmCurrentState({}, cb),
    );
    expect(fsm.state).toBe(blockchain_api.FSMStateType.RUNNING);
    const health = await call<blockchain_api.HealthResponse>((cb) => client.healthGrpc({}, cb));
    expect(health.ok).toBe(true);
    expect((await fetch(`http://127.0.0.1:${httpPort}/health/readiness`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(metrics).toMatch(/simulator_blocks_mined_total\{service="blockchain-simulator"\} [1-9]/);
  });

  it('refuses a hash of the wrong length and reports an unknown one as not found', async () => {
    await expect(
      call((cb) => client.getBlockHeader({ blockHash: Buffer.alloc(31) }, cb)),
    ).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'blockHash must be 32 bytes, got 31',
    });
    await expect(
      call((cb) => client.getBlockHeader({ blockHash: Buffer.alloc(32, 7) }, cb)),
    ).rejects.toMatchObject({
      code: status.NOT_FOUND,
      details: `block ${internalBytesToHash(Buffer.alloc(32, 7))} not found`,
    });
  });

  it("answers the block persister's height, 2 blocks behind the tip, as Teranode's state (uint32 LE)", async () => {
    const best = async () =>
      (await call<blockchain_api.GetBlockHeaderResponse>((cb) => client.getBestBlockHeader({}, cb)))
        .height;
    const before = await best();
    const state = await call<blockchain_api.StateResponse>((cb) =>
      client.getState({ key: 'BlockPersisterHeight' }, cb),
    );
    const after = await best();
    expect(state.data).toHaveLength(4);
    const persisted = Buffer.from(state.data).readUInt32LE();
    expect(persisted).toBeGreaterThanOrEqual(Math.max(0, before - 2));
    expect(persisted).toBeLessThanOrEqual(Math.max(0, after - 2));
    await expect(
      call((cb) => client.getState({ key: 'UtxoPersisterHeight' }, cb)),
    ).rejects.toMatchObject({
      code: status.NOT_FOUND,
      details: 'no state for key "UtxoPersisterHeight"',
    });
    await expect(call((cb) => client.getState({ key: '' }, cb))).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
  });

  it('tells every subscriber of a reported peer failure, and refuses a report without peer or type', async () => {
    const received: Notification[] = [];
    const stream = client.subscribe({ source: 'failures' });
    stream.on('data', (n: Notification) => received.push(n));
    stream.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    await call((cb) =>
      client.reportPeerFailure(
        {
          hash: Buffer.alloc(32, 1),
          peer_id: 'peer-a',
          failure_type: 'catchup',
          reason: 'timeout',
        },
        cb,
      ),
    );
    const failure = await waitFor('the PeerFailure notification', () =>
      received.find((n) => n.type === model.NotificationType.PeerFailure),
    );
    stream.cancel();
    expect(failure.metadata!.metadata).toEqual({
      peer_id: 'peer-a',
      failure_type: 'catchup',
      reason: 'timeout',
    });
    for (const bad of [
      { hash: Buffer.alloc(0), peer_id: '', failure_type: 'catchup', reason: '' },
      { hash: Buffer.alloc(0), peer_id: 'p', failure_type: '', reason: '' },
      { hash: Buffer.alloc(5), peer_id: 'p', failure_type: 'catchup', reason: '' },
      { hash: Buffer.alloc(0), peer_id: 'p'.repeat(10_000), failure_type: 'catchup', reason: '' },
    ])
      await expect(call((cb) => client.reportPeerFailure(bad, cb))).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
  });

  it('bounds the number of subscribers', async () => {
    const streams = [client.subscribe({ source: 'a' }), client.subscribe({ source: 'b' })];
    streams.forEach((s) => s.on('error', () => undefined));
    await new Promise((r) => setTimeout(r, 200));
    const third = client.subscribe({ source: 'c' });
    const error = await new Promise<ServiceError>((resolve) => third.on('error', resolve));
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    streams.forEach((s) => s.cancel());
  });

  it('refuses a bad setting at start', async () => {
    const { code, lines } = await startWithSettings('blockchain-simulator', {
      simulator_fsm_state: 'SLEEPING',
    });
    expect(code).toBe(78);
    expect(lines).toEqual([
      'blockchain-simulator: invalid setting simulator_fsm_state="SLEEPING": expected one of IDLE, RUNNING, CATCHINGBLOCKS, LEGACYSYNCING',
    ]);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await app.stop('SIGTERM')).toBe(0);
    expect(app.output()).toContain('blockchain-simulator stopped');
  });
});
