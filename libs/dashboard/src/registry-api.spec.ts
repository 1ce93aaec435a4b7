import { afterEach, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { freePort } from '@teranode-p2p/testing';
import {
  HOSTILE,
  PEERS,
  startFakeGossipNode,
  type FakeGossipNode,
} from '../test/support/fake-gossip-node.js';
import { DashboardApiController } from './dashboard-api.controller.js';

const KEY = 'dashboard-admin-key';

describe('the registry endpoints of the dashboard API', () => {
  let node: FakeGossipNode | undefined;
  const apis: DashboardApiController[] = [];

  const controller = (env: Record<string, string>) => {
    const api = new DashboardApiController(loadSettings({ env }));
    apis.push(api);
    return api;
  };
  const against = async (options: { syncPeer?: boolean; key?: string } = {}) => {
    node = await startFakeGossipNode(options);
    return controller({
      p2p_grpc_address: node.address,
      ...(options.key === '' ? {} : { grpc_admin_api_key: options.key ?? KEY }),
    });
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: { getStatus(): number; getResponse(): unknown }) => ({
        status: error.getStatus(),
        body: error.getResponse(),
      }),
    );

  afterEach(async () => {
    for (const api of apis.splice(0)) api.onModuleDestroy();
    await node?.close();
    node = undefined;
  });

  it('GET /api/registry: every peer as GetPeerRegistry orders it, with its band, and the sync peer marked and explained', async () => {
    const answer = await (await against()).registry();
    expect(answer.peers.map((p) => [p.id, p.band, p.is_sync_peer])).toEqual([
      [PEERS.fast, 'ok', true],
      [PEERS.slow, 'unhealthy', false],
      [PEERS.hostile, 'malicious', false],
    ]);
    expect(answer.peers[0]).toMatchObject({
      success_rate: 1,
      interaction_attempts: 3,
      storage: 'full',
      data_hub_url: 'https://fast.example/api/v1',
    });
    expect(answer.peers[1]).toMatchObject({
      unhealthy_reason: 'low reputation score: 35.00',
      success_rate: 0.5,
    });
    // JSON carries remote text as it is; the page shows it as text (registry-view.spec.ts).
    expect(answer.peers[2]).toMatchObject({
      client_name: HOSTILE.clientName,
      data_hub_url: HOSTILE.url,
      last_catchup_error: HOSTILE.error,
      last_catchup_error_time: 1796428000,
    });
    expect(answer.sync).toMatchObject({
      sync_peer: PEERS.fast,
      selected_at_ms: 1796428000000,
      candidates: [{ peer_id: PEERS.fast, ranked_by: 'best full candidate' }],
      excluded: [{ why: 'full-node-preferred' }, { why: 'low-reputation' }],
    });
  });

  it('GET /api/registry from a p2p_api server without GetSyncPeer (Teranode): sync null, nobody marked', async () => {
    const answer = await (await against({ syncPeer: false })).registry();
    expect(answer.sync).toBeNull();
    expect(answer.peers.some((p) => p.is_sync_peer)).toBe(false);
  });

  it('GET /api/registry with gossip-node down: 502 naming it', async () => {
    const down = controller({ p2p_grpc_address: `127.0.0.1:${await freePort()}` });
    expect(await refusal(down.registry())).toEqual({
      status: 502,
      body: {
        error: expect.stringMatching(/^gossip-node is unreachable: No connection established/),
      },
    });
  });

  it('POST /api/registry/reset-reputation: one peer or all, with the admin key, which is also forwarded', async () => {
    const reset = await against();
    expect(await reset.resetReputation({ peer_id: PEERS.hostile }, KEY)).toEqual({
      ok: true,
      peers_reset: 1,
    });
    expect(await reset.resetReputation({}, KEY)).toEqual({ ok: true, peers_reset: 3 });
    expect(await reset.resetReputation({ peer_id: '' }, KEY)).toEqual({ ok: true, peers_reset: 3 });
    expect(node!.resets).toEqual([
      { peerId: PEERS.hostile, apiKey: KEY },
      { peerId: '', apiKey: KEY },
      { peerId: '', apiKey: KEY },
    ]);
  });

  it('POST /api/registry/reset-reputation refuses without the right key, before calling gossip-node', async () => {
    const reset = await against();
    expect(await refusal(reset.resetReputation({}, undefined))).toEqual({
      status: 401,
      body: { error: 'missing API key: send the admin key as the x-api-key header' },
    });
    expect(await refusal(reset.resetReputation({}, `${KEY}x`))).toEqual({
      status: 401,
      body: { error: 'invalid API key' },
    });
    const unset = await refusal(
      controller({ p2p_grpc_address: node!.address }).resetReputation({}, 'anything'),
    );
    expect(unset).toEqual({
      status: 403,
      body: {
        error: 'resetting reputations is disabled: grpc_admin_api_key is not set on this server',
      },
    });
    expect(node!.resets).toEqual([]);
  });

  it('POST /api/registry/reset-reputation answers a bad or unknown peer ID', async () => {
    const reset = await against();
    for (const [peerId, error] of [
      ['<script>', 'peer_id "<script>" is not a libp2p peer ID'],
      [42, 'peer_id must be a string'],
      ['x'.repeat(600), 'peer_id is longer than 512 characters'],
    ] as const) {
      expect(await refusal(reset.resetReputation({ peer_id: peerId }, KEY))).toEqual({
        status: 400,
        body: { error },
      });
    }
    expect(node!.resets).toEqual([]);
    const unknown = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
    expect(await refusal(reset.resetReputation({ peer_id: unknown }, KEY))).toEqual({
      status: 404,
      body: { error: `no peer ${unknown} in the registry` },
    });
  });
});
