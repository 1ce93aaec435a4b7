import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor, type SpawnedApp } from '@teranode-p2p/testing';
import WebSocket from 'ws';
import { p2pctlNextTo, peerIds, startLauncher } from './support/launcher.js';

const BASE_PORT = 23100;
const NODE3_HTTP = `http://127.0.0.1:${BASE_PORT + 18}`;
const GATEWAY = `127.0.0.1:${BASE_PORT + 5}`;

interface NodeStatus {
  type: string;
  peer_id?: string;
  best_height?: number;
  sync_peer_id?: string;
  sync_peer_height?: number;
  storage?: string;
}

// `LOCAL_BEHIND=true npm start`: node3 follows a simulator of its own that stays at genesis,
// so its sync coordinator chooses node1 and sends the catch-up trigger; the operator sees it
// with p2pctl (no flags), on the dashboard and in node3's node_status.
describe('the local network with a node that starts behind', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-network-behind-'));
  let network: SpawnedApp;
  let node1: string;
  let node3: string;

  beforeAll(async () => {
    network = await startLauncher(dataDir, BASE_PORT, { LOCAL_BEHIND: 'true' });
    [node1, , node3] = peerIds(network.output()) as [string, string, string];
  }, 120_000);

  afterAll(async () => {
    expect(await network?.stop('SIGINT', 20_000)).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const p2pctl = (...args: string[]) => p2pctlNextTo(dataDir, ...args);

  it('says which node is behind', () => {
    expect(network.output()).toContain(
      'behind          node3 follows its own simulator at height 0; dashboard and p2pctl speak to it (npx p2pctl sync-peer --why)',
    );
  });

  it('chooses node1, the node ahead with a DataHub URL, and sends the catch-up trigger', async () => {
    const why = await waitFor(
      'p2pctl sync-peer --why naming node1',
      async () => {
        const result = await p2pctl('sync-peer', '--why');
        return result.code === 0 && result.output.includes(`chose ${node1} (full, rank 1 of 1)`)
          ? result.output
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(why).toMatch(/local height 0\)/);
    // Its simulator took the trigger and says CATCHINGBLOCKS: node3 keeps node1.
    expect(why).toMatch(new RegExp(`^sync peer ${node1}$`, 'm'));
    expect(why).toMatch(new RegExp(`^1 +${node1} +\\* +`, 'm'));
    const metrics = await (await fetch(`${NODE3_HTTP}/metrics`)).text();
    expect(metrics).toMatch(/gossip_node_sync_triggers_total\{outcome="sent"[^}]*\} [1-9]/);
  }, 90_000);

  it('shows the sync peer on the dashboard and in node3 node_status', async () => {
    const registry = (await (await fetch(`http://${GATEWAY}/api/registry`)).json()) as {
      sync: { chosen: string; local_height: number } | null;
    };
    expect(registry.sync).toMatchObject({ chosen: node1, local_height: 0 });

    const client = new WebSocket(`ws://${GATEWAY}/p2p-ws`);
    const statuses: NodeStatus[] = [];
    client.on('message', (data) => {
      const message = JSON.parse(data.toString()) as NodeStatus;
      if (message.type === 'node_status') statuses.push(message);
    });
    try {
      // As Teranode, node3 shows its sync peer's height only while connected to it, so a status
      // sent before that connection is up names node1 without a height.
      const status = await waitFor(
        'a node_status of node3 naming node1, with its height, as its sync peer',
        () =>
          statuses.find(
            (s) => s.peer_id === node3 && s.sync_peer_id === node1 && (s.sync_peer_height ?? 0) > 0,
          ),
        { timeoutMs: 60_000 },
      );
      expect(status.best_height ?? 0).toBe(0);
      const ofNode1 = statuses.find((s) => s.peer_id === node1);
      expect(ofNode1?.storage).toBe('full');
    } finally {
      client.close();
    }
  }, 90_000);
});
