import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnNode, waitFor, workspaceRoot, type SpawnedApp } from '@teranode-p2p/testing';
import WebSocket from 'ws';
import { p2pctlNextTo, peerIds, startLauncher } from './support/launcher.js';

const run = promisify(execFile);
const BASE_PORT = 23000;

interface Notification {
  type: string;
  hash?: string;
  height?: number;
  base_url?: string;
  peer_id?: string;
  timestamp?: string;
}

const startNetwork = (dataDir: string) => startLauncher(dataDir, BASE_PORT);

// `npm start` itself: the launcher as a process on embedded defaults (no Postgres, no Kafka).
describe('the one-command local network', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-network-'));
  let network: SpawnedApp;

  beforeAll(async () => {
    network = await startNetwork(dataDir);
  }, 120_000);

  afterAll(async () => {
    await network?.stop('SIGINT', 20_000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const p2pctl = (...args: string[]) => p2pctlNextTo(dataDir, ...args);

  it('prints what a person needs, and no log lines of the services in between', () => {
    const output = network.output();
    expect(output.split('\n')[0]).toBe('teranode-p2p local network is up');
    // The nodes start in order and dial only nodes that listen already: nothing to warn about.
    expect(output).not.toMatch(/^\{/m);
    expect(peerIds(output)).toHaveLength(3);
    expect(output).toContain(`WebSocket feed  ws://127.0.0.1:${BASE_PORT + 5}/p2p-ws`);
    expect(output).toContain(`dashboard       http://127.0.0.1:${BASE_PORT + 5}/`);
    expect(output).toMatch(/admin key +[0-9a-f]{32}/);
  });

  it('carries a block mined by the simulator to a WebSocket client, with the right fields', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${BASE_PORT + 5}/p2p-ws`);
    const blocks: Notification[] = [];
    client.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Notification;
      if (message.type === 'block') blocks.push(message);
    });
    await waitFor('a block notification on the WebSocket', () => blocks.length > 0, {
      timeoutMs: 60_000,
    });
    client.close();
    const [block] = blocks;
    expect(block!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(block!.height).toBeGreaterThan(0);
    expect(block!.base_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(peerIds(network.output())).toContain(block!.peer_id);
    await waitFor(
      'a block line in the output',
      () => /block \d+ [0-9a-f]{64} announced by node\d/.test(network.output()),
      {
        timeoutMs: 30_000,
      },
    );
  }, 90_000);

  it("greets a new WebSocket client with every node's status", async () => {
    const greeting = await waitFor(
      'a greeting of three node_status',
      async () => {
        const client = new WebSocket(`ws://127.0.0.1:${BASE_PORT + 5}/p2p-ws`);
        const frames: Notification[] = [];
        client.on('message', (data) => frames.push(JSON.parse(data.toString()) as Notification));
        await new Promise((resolve) => setTimeout(resolve, 500));
        client.close();
        const statuses = frames.slice(0, 3).filter((f) => f.type === 'node_status');
        return statuses.length === 3 ? statuses : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(greeting.map((f) => f.peer_id).sort()).toEqual(peerIds(network.output()).sort());
  }, 30_000);

  it('shows each block once on the feed, though every node of ours receives it', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${BASE_PORT + 5}/p2p-ws`);
    const shown: Notification[] = [];
    client.on('message', (data) => shown.push(JSON.parse(data.toString()) as Notification));
    const hashes = (type: string) => shown.filter((m) => m.type === type).map((m) => m.hash);
    await waitFor('three blocks on the WebSocket', () => new Set(hashes('block')).size >= 3, {
      timeoutMs: 30_000,
    });
    client.close();
    const blocks = hashes('block');
    expect(blocks).toEqual([...new Set(blocks)]);
    const subtrees = hashes('subtree');
    expect(subtrees.length).toBeGreaterThan(0);
    expect(subtrees).toEqual([...new Set(subtrees)]);
  }, 60_000);

  it('is operated with p2pctl without flags: health, peers and watch find the network', async () => {
    const health = await waitFor(
      'every service ready',
      async () => {
        const result = await p2pctl('health');
        return result.code === 0 ? result : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    for (const service of ['blockchain-simulator', 'ban-service', 'kafka-bridge', 'ws-gateway'])
      expect(health.output).toMatch(
        new RegExp(`^${service} +http://127\\.0\\.0\\.1:\\d+ +ready`, 'm'),
      );
    expect(health.output.match(/^gossip-node node\d +\S+ +ready/gm)).toHaveLength(3);

    const [, node2, node3] = peerIds(network.output());
    const peers = await waitFor(
      'node1 to list both peers',
      async () => {
        const result = await p2pctl('peers', '--json');
        const ids = result.code === 0 ? (JSON.parse(result.output) as { id: string }[]) : [];
        return ids.length === 2 ? ids.map((p) => p.id) : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(peers.sort()).toEqual([node2, node3].sort());

    const watch = await spawnNode(join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'), {
      args: ['watch', '--types', 'block'],
      env: { LOCAL_DATA_DIR: dataDir },
      readyWhen: /\bblock +[0-9a-f]{64}[^]*\bblock +[0-9a-f]{64}/,
      readyTimeoutMs: 30_000,
    });
    expect(await watch.stop('SIGINT')).toBe(0);
    const watched = [...watch.output().matchAll(/\bblock +([0-9a-f]{64})/g)].map((m) => m[1]);
    expect(watched).toEqual([...new Set(watched)]);
  }, 120_000);

  it('is operated with p2pctl: peers, disconnect, connect, health and watch, good and bad', async () => {
    // Addresses and the admin key from flags, which win over the network's file (not given here).
    const p2pctl = async (...args: string[]) => {
      const cli = await spawnNode(join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'), { args });
      return { code: await cli.exited, output: cli.output() };
    };
    const node1 = `--gossip-node=127.0.0.1:${BASE_PORT + 11}`;
    const key = `--api-key=${/admin key +([0-9a-f]{32})/.exec(network.output())![1]!}`;
    const [, node2, node3] = peerIds(network.output());
    const node2Address = new RegExp(`(/ip4/\\S+/p2p/${node2})`).exec(network.output())![1]!;

    await waitFor(
      'node1 to see both peers',
      async () => {
        const { output } = await p2pctl('peers', node1, '--json');
        const ids = (JSON.parse(output) as { id: string }[]).map((p) => p.id);
        return ids.includes(node2!) && ids.includes(node3!);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const table = await p2pctl('peers', node1);
    expect(table.code).toBe(0);
    expect(table.output).toMatch(
      /^PEER +ADDRESS +DIR +CONNECTED +PING +HEIGHT +VERSION +BANSCORE\n/,
    );

    expect(await p2pctl('disconnect', node2!, node1)).toMatchObject({ code: 4 });
    expect(await p2pctl('disconnect', node2!, node1, key)).toEqual({
      code: 0,
      output: `disconnected ${node2}\n`,
    });
    expect(await p2pctl('connect', node2Address, node1, key)).toEqual({
      code: 0,
      output: `connected to ${node2Address}\n`,
    });
    expect((await p2pctl('connect', '/ip4/not-an-ip/tcp/1', node1, key)).code).toBe(2);
    expect(
      (
        await p2pctl(
          'disconnect',
          '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
          node1,
          key,
        )
      ).code,
    ).toBe(5);

    const health = await p2pctl(
      'health',
      `--health=ban-service=http://127.0.0.1:${BASE_PORT + 3},ws-gateway=http://127.0.0.1:${BASE_PORT + 5},kafka-bridge=http://127.0.0.1:${BASE_PORT + 4}`,
    );
    expect(health.output).toContain(`ban-service   http://127.0.0.1:${BASE_PORT + 3}  ready`);
    expect(health.code).toBe(0);

    const watch = await spawnNode(join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'), {
      args: ['watch', '--types', 'block', `--gateway=http://127.0.0.1:${BASE_PORT + 5}`],
      readyWhen: /\bblock\b +[0-9a-f]{64}/,
      readyTimeoutMs: 30_000,
    });
    expect(await watch.stop('SIGINT')).toBe(0);
    expect(watch.output()).not.toMatch(/\bsubtree\b/);
    const badTypes = await p2pctl(
      'watch',
      '--types',
      'blocks',
      `--gateway=http://127.0.0.1:${BASE_PORT + 5}`,
    );
    expect(badTypes.code).toBe(2);
    expect(badTypes.output).toMatch(/refused the feed: HTTP 400 .*blocks/);
    expect((await p2pctl('watch', '--gateway=http://127.0.0.1:1')).code).toBe(3);

    // Addresses and the admin key from the environment, as the services' own settings name them.
    const fromEnv = await spawnNode(join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'), {
      args: ['disconnect', node3!],
      env: {
        p2p_grpc_address: `127.0.0.1:${BASE_PORT + 11}`,
        grpc_admin_api_key: key.slice('--api-key='.length),
      },
    });
    expect({ code: await fromEnv.exited, output: fromEnv.output() }).toEqual({
      code: 0,
      output: `disconnected ${node3}\n`,
    });
  }, 120_000);

  it('keeps its peer IDs and bans across a restart, and stops cleanly on Ctrl-C', async () => {
    const p2pctl = (...args: string[]) =>
      run(process.execPath, [
        join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'),
        ...args,
        '--ban-service',
        `127.0.0.1:${BASE_PORT + 2}`,
      ]);
    const adminKey = /admin key +([0-9a-f]{32})/.exec(network.output())![1]!;
    await p2pctl(
      'ban',
      '10.9.8.0/24',
      '--for',
      '1h',
      '--reason',
      'restart test',
      '--api-key',
      adminKey,
    );
    // The ban reached ban-service's state through its change feed, not by a 2 s timeout and a
    // reload (PGlite is one session: a NOTIFY never reaches the LISTEN connection).
    expect(network.output()).not.toContain('ban change notification late');
    const before = peerIds(network.output());
    expect(await network.stop('SIGINT', 20_000)).toBe(0);
    expect(network.output()).toContain('stopped');

    network = await startNetwork(dataDir);
    expect(peerIds(network.output())).toEqual(before);
    const { stdout } = await p2pctl('bans', '--json');
    expect(JSON.parse(stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: '10.9.8.0/24', reason: 'restart test' }),
      ]),
    );
  }, 180_000);
});
