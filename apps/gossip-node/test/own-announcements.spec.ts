import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  freePort,
  requireKafka,
  uniqueName,
  waitFor,
  type SpawnedApp,
} from '@teranode-p2p/testing';
import { startBlockchainSimulator } from './support/blockchain-simulator.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { P2pEventCollector } from './support/p2p-event-collector.js';

const blockHash = (headerHex: string) => {
  const once = createHash('sha256').update(Buffer.from(headerHex, 'hex')).digest();
  return Buffer.from(createHash('sha256').update(once).digest()).reverse().toString('hex');
};

function startSimulator(port: number, env: Record<string, string> = {}): Promise<SpawnedApp> {
  return startBlockchainSimulator(port, { simulator_block_interval: '1s', ...env });
}

// Node A follows the blockchain simulator and announces; node B receives and puts on the bus.
describe('own announcements from the blockchain service', () => {
  let collector: P2pEventCollector;
  let simulator: SpawnedApp;
  let simulatorPort: number;
  let a: NodeProcess;
  let b: NodeProcess;
  let c: NodeProcess;
  const from = (node: NodeProcess) =>
    collector.events.filter((e) => e.event.sender_peer_id === node.peerId);
  const fromA = () => from(a);

  beforeAll(async () => {
    const brokers = await requireKafka();
    collector = new P2pEventCollector(brokers, uniqueName('p2p-events'));
    await collector.start();
    simulatorPort = await freePort();
    // Its block persister keeps up with the tip: A's Teranode keeps every block.
    simulator = await startSimulator(simulatorPort, { simulator_block_persister_lag: '0' });
    const common = {
      network: 'regtest',
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_P2P_EVENTS: collector.topic,
      p2p_mining_on_enabled: 'true',
    };
    a = await startNodeProcess({
      ...common,
      p2p_private_key: (await newNodeKey()).hex,
      blockchain_grpc_address: `127.0.0.1:${simulatorPort}`,
      asset_httpPublicAddress: 'https://a.example/api/v1',
    });
    b = await startNodeProcess({
      ...common,
      p2p_private_key: (await newNodeKey()).hex,
      p2p_static_peers: a.multiaddr,
      blockchain_grpc_address: '127.0.0.1:1',
    });
    c = await startNodeProcess({
      ...common,
      p2p_private_key: (await newNodeKey()).hex,
      p2p_static_peers: b.multiaddr,
      blockchain_grpc_address: `127.0.0.1:${simulatorPort}`,
      asset_httpPublicAddress: 'https://c.example/api/v1',
      listen_mode: 'listen_only',
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.app.stop(), b?.app.stop(), c?.app.stop(), simulator?.stop()]);
    await collector?.stop();
  });

  it('announces each mined block with its header, its subtrees, and node_status after it', async () => {
    await waitFor(
      'two blocks from A at B',
      () => fromA().filter((e) => e.event.block).length >= 2,
      {
        timeoutMs: 20_000,
      },
    );
    const blocks = fromA().flatMap((e) => (e.event.block ? [e.event.block] : []));
    for (const block of blocks) {
      expect(block.header).toMatch(/^[0-9a-f]{160}$/);
      expect(block.hash).toBe(blockHash(block.header));
      expect(block).toMatchObject({
        peer_id: a.peerId,
        data_hub_url: 'https://a.example/api/v1',
        coinbase: '',
      });
    }
    expect(blocks[1]!.height).toBeGreaterThan(blocks[0]!.height);
    expect(fromA().some((e) => e.event.subtree?.peer_id === a.peerId)).toBe(true);
    await waitFor('a node_status of A that names its best block', () =>
      fromA().some(
        (e) =>
          e.event.node_status?.best_block_hash === blocks.at(-1)!.hash ||
          (e.event.node_status?.best_height ?? 0) > blocks[0]!.height,
      ),
    );
    const status = fromA()
      .filter((e) => e.event.node_status)
      .at(-1)!.event.node_status!;
    expect(status).toMatchObject({
      peer_id: a.peerId,
      fsm_state: 'RUNNING',
      listen_mode: 'full',
      storage: 'full',
    });
    expect(status.miner_name).not.toBe('');
  }, 40_000);

  it('says storage "pruned" when the blockchain service cannot tell the block persister height, as Teranode', async () => {
    // B's blockchain service is unreachable: no persister height, so pruned, never empty.
    const status = await waitFor(
      'a node_status of B',
      () => from(b).find((e) => e.event.node_status)?.event.node_status,
    );
    expect(status.storage).toBe('pruned');
  });

  it('announces mining-on for each mined block, with the parent, miner, size and count (p2p_mining_on_enabled)', async () => {
    const announced = await waitFor(
      'a mining-on from A whose block B also saw',
      () => {
        const blocks = new Map(
          fromA().flatMap((e) => (e.event.block ? [[e.event.block.hash, e.event.block]] : [])),
        );
        return fromA()
          .flatMap((e) => (e.event.mining_on ? [e.event.mining_on] : []))
          .map((miningOn) => ({ miningOn, block: blocks.get(miningOn.hash) }))
          .find((pair) => pair.block !== undefined);
      },
      { timeoutMs: 20_000 },
    );
    const parent = Buffer.from(announced.block!.header.slice(8, 72), 'hex').reverse();
    expect(announced.miningOn).toMatchObject({
      previous_hash: parent.toString('hex'),
      height: announced.block!.height,
      data_hub_url: 'https://a.example/api/v1',
      peer_id: a.peerId,
      miner: '/teranode-p2p-simulator/',
    });
    expect(Number(announced.miningOn.size_in_bytes)).toBeGreaterThan(80);
    expect(Number(announced.miningOn.tx_count)).toBeGreaterThan(0);
  }, 40_000);

  it('a listen_only node follows the chain and sends node_status (no base_url) but never announces blocks, subtrees or mining-on', async () => {
    const status = await waitFor(
      'a node_status of C on a mined block',
      () => from(c).find((e) => (e.event.node_status?.best_height ?? 0) > 0)?.event.node_status,
      { timeoutMs: 25_000 },
    );
    expect(status).toMatchObject({
      peer_id: c.peerId,
      listen_mode: 'listen_only',
      base_url: '',
      propagation_url: '',
    });
    const blocksOfA = fromA().filter((e) => e.event.block).length;
    await waitFor(
      'another block from A',
      () => fromA().filter((e) => e.event.block).length > blocksOfA,
      {
        timeoutMs: 10_000,
      },
    );
    expect(from(c).filter((e) => e.event.block || e.event.subtree || e.event.mining_on)).toEqual(
      [],
    );
  }, 60_000);

  it('re-subscribes when the blockchain service comes back', async () => {
    await simulator.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = fromA().filter((e) => e.event.block).length;
    simulator = await startSimulator(simulatorPort);
    await waitFor(
      'a block after the restart',
      () => fromA().filter((e) => e.event.block).length > before,
      {
        timeoutMs: 20_000,
      },
    );
  }, 40_000);

  it('stays silent about blocks while the FSM says it is catching up', async () => {
    await simulator.stop();
    simulator = await startSimulator(simulatorPort, { simulator_fsm_state: 'CATCHINGBLOCKS' });
    await waitFor(
      'A to report CATCHINGBLOCKS',
      () => fromA().some((e) => e.event.node_status?.fsm_state === 'CATCHINGBLOCKS'),
      { timeoutMs: 25_000 },
    );
    const before = fromA().filter((e) => e.event.block || e.event.subtree).length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(fromA().filter((e) => e.event.block || e.event.subtree).length).toBe(before);
  }, 40_000);
});
