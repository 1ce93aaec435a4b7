import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { gossip_node, p2p_api } from '@teranode-p2p/contracts';
import { grpcClient, unaryCall, type UnaryMethod } from '@teranode-p2p/service-runtime';
import {
  type DataHubStub,
  dialAndSubscribe,
  freePort,
  type GossipPeer,
  newNodeKey,
  type NodeProcess,
  numberedHash,
  publishNodeStatus,
  type RealBanService,
  requireKafka,
  type SpawnedApp,
  spawnNode,
  startBlockchainSimulator,
  startDataHubStub,
  startGossipPeer,
  startNodeProcess,
  startRealBanService,
  uniqueName,
  waitFor,
  workspaceRoot,
} from '@teranode-p2p/testing';

const bin = join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs');
const STATUS_TOPIC = 'teranode/bitcoin/1.0.0/regtest-node_status';
const ADMIN_KEY = 'registry-test-key';
const UNKNOWN = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
/** What block validation might report about a hostile peer: a terminal escape and a bidi override. */
const HOSTILE_ERROR = 'header 7 did not connect \u001b[2J\u202egnp.exe';

type Name = 'fast' | 'slow' | 'listener' | 'hostile';
const STORAGE: Record<Name, string> = {
  fast: 'full',
  slow: 'full',
  listener: 'pruned',
  hostile: '',
};

// p2pctl against a real gossip-node whose registry (in the real ban-service on PostgreSQL and
// Kafka) is fed by real libp2p peers' node_status gossip, behind the blockchain simulator so
// that its sync coordinator selects a sync peer; the catch-up reports come in over p2p_api as
// Teranode's block validation sends them. Nothing catches up and the simulator's FSM stays
// RUNNING, so the coordinator re-selects every 2 s as Teranode does (the chosen peer is then in
// its cooldown, the other one is taken, then nobody until a backoff ends): the sync peer moves
// on, and a test that needs the first selection's ranking waits for the moment it holds again.
describe('p2pctl with the peer registry', () => {
  let banService: RealBanService;
  let simulator: SpawnedApp;
  let node: NodeProcess;
  let dataHub: DataHubStub;
  let hubUrl: string;
  let api: p2p_api.PeerServiceClient;
  let own: gossip_node.GossipNodeClient;
  const peers = {} as Record<Name, GossipPeer>;
  const ids = {} as Record<Name, string>;

  const p2pctl = async (...args: string[]) => {
    const run = await spawnNode(bin, { args: [...args, '--gossip-node', node.grpcAddress] });
    const code = await run.exited;
    return { code, output: run.output() };
  };
  const call = <Req, Res>(method: UnaryMethod<Req, Res>, request: Req) =>
    unaryCall('gossip-node', method, request, {
      timeoutMs: 5000,
      retry: { grpc_max_retries: 0, grpc_retry_backoff: 0 },
    });
  const announce = (name: Name, height: number, url: string) =>
    publishNodeStatus(peers[name], STATUS_TOPIC, {
      baseUrl: url,
      bestHeight: height,
      bestBlockHash: height > 0 ? numberedHash(height) : '',
      clientName: name === 'hostile' ? '<b>hostile</b>\u001b[31m' : `teranode-${name}`,
      storage: STORAGE[name],
    });
  const lineOf = (output: string, name: Name) =>
    output.split('\n').find((line) => line.startsWith(ids[name])) ?? '';

  beforeAll(async () => {
    const brokers = await requireKafka();
    banService = await startRealBanService('p2pctl-registry', brokers);
    const simulatorPort = await freePort();
    simulator = await startBlockchainSimulator(simulatorPort, { simulator_block_interval: '1h' });
    // Every peer's DataHub answers the selection's health check.
    dataHub = await startDataHubStub();
    hubUrl = dataHub.url;

    node = await startNodeProcess({
      network: 'regtest',
      ban_service_grpc_address: banService.address,
      blockchain_grpc_address: `127.0.0.1:${simulatorPort}`,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_P2P_EVENTS: uniqueName('registry-p2p-events'),
      KAFKA_BLOCKS: uniqueName('registry-blocks'),
      p2p_min_peers: '0',
      p2p_private_key: (await newNodeKey()).hex,
      p2p_allow_private_ips: 'true',
      grpc_admin_api_key: ADMIN_KEY,
    });
    const settings = loadSettings({ env: {} });
    api = grpcClient(p2p_api.PeerServiceClient, node.grpcAddress, settings);
    own = grpcClient(gossip_node.GossipNodeClient, node.grpcAddress, settings);

    for (const name of ['fast', 'slow', 'listener', 'hostile'] as const) {
      peers[name] = await startGossipPeer();
      ids[name] = peers[name].peerId.toString();
      await dialAndSubscribe(peers[name], node.multiaddr, [STATUS_TOPIC]);
      // Registered, but not ahead of the node: nobody is chosen before the reports.
      await announce(name, 0, name === 'listener' ? '' : `${hubUrl}/${name}`);
    }
    const registry = () => call(api.getPeerRegistry.bind(api), {});
    await waitFor('four peers in the registry', async () => (await registry()).peers.length === 4, {
      timeoutMs: 15_000,
    });

    // Block validation's reports: fast and slow served catch-ups, hostile sent bad data.
    await call(api.recordCatchupSuccess.bind(api), { peer_id: ids.fast, duration_ms: '100' });
    await call(api.recordCatchupSuccess.bind(api), { peer_id: ids.slow, duration_ms: '3000' });
    await call(api.recordCatchupMalicious.bind(api), { peer_id: ids.hostile });
    await call(api.updateCatchupError.bind(api), {
      peer_id: ids.hostile,
      error_msg: HOSTILE_ERROR,
    });
    await announce('fast', 500, `${hubUrl}/fast`);
    await announce('slow', 500, `${hubUrl}/slow`);
    await announce('listener', 450, '');
    await announce('hostile', 600, `${hubUrl}/hostile`);
    // A caught-up node looks again every 15 s (Teranode's slow FSM monitor).
    await waitFor(
      'a first sync peer selection',
      async () => (await call(own.getSyncPeer.bind(own), {})).sync_peer !== '',
      { timeoutMs: 30_000 },
    );
  }, 120_000);

  afterAll(async () => {
    api?.close();
    own?.close();
    for (const host of Object.values(peers)) await host?.stop();
    await node?.app.stop();
    await simulator?.stop();
    await banService?.stop();
    await dataHub?.close();
  });

  it('explains the sync peer: candidates with the key that ranked each, others with the reason', async () => {
    // The moment the two peers ahead are both fresh candidates (the first selection, and again
    // each time a backoff ends).
    const why = await waitFor(
      'a selection ranking both peers ahead',
      async () => {
        const run = await p2pctl('sync-peer', '--why');
        return run.output.includes(' reputation 81.00 < 100.00\n') && run;
      },
      { timeoutMs: 60_000 },
    );
    expect(why.code).toBe(0);
    const lines = why.output.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `sync peer ${ids.fast}`,
      expect.stringMatching(
        new RegExp(
          `^last selection \\d{4}-\\S+Z \\([a-z-]+, local height 0\\): chose ${ids.fast} \\(full, rank 1 of 2\\), 2 passed over$`,
        ),
      ),
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'candidates (full, best first):',
        expect.stringMatching(
          /^RANK +PEER +CHOSEN +REPUTATION +AVG RESPONSE +BAN SCORE +HEIGHT +RANKED BY$/,
        ),
        expect.stringMatching(
          new RegExp(`^1 +${ids.fast} +\\* +100\\.00 +100 ms +0 +500 +best full candidate$`),
        ),
        expect.stringMatching(
          new RegExp(`^2 +${ids.slow} +81\\.00 +3000 ms +0 +500 +reputation 81\\.00 < 100\\.00$`),
        ),
        'passed over:',
        expect.stringMatching(/^PEER +WHY +DETAIL$/),
        expect.stringMatching(
          new RegExp(
            `^${ids.listener} +no-datahub-url +no DataHub URL \\(a listen-only or silent node\\)$`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`^${ids.hostile} +low-reputation +reputation 5\\.00 is below 20$`),
        ),
      ]),
    );

    // Whatever the coordinator holds now: JSON with every candidate's ranking explained.
    const json = JSON.parse((await p2pctl('sync-peer', '--json')).output);
    expect(json).toMatchObject({ local_height: 0, cause: expect.any(String) });
    expect(json.selected_at_ms).toBeGreaterThan(Date.now() - 120_000);
    expect(json.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ peer_id: ids.listener, why: 'no-datahub-url' }),
        expect.objectContaining({ peer_id: ids.hostile, why: 'low-reputation' }),
      ]),
    );
    for (const candidate of json.candidates)
      expect(candidate.ranked_by).toMatch(/^(best full candidate|reputation 81\.00 < 100\.00)$/);
  }, 90_000);

  it('lists the registry best reputation first, with bands, success rate and the sync peer marked', async () => {
    const { code, output } = await p2pctl('registry');
    expect(code).toBe(0);
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^PEER +SYNC +CLIENT +REPUTATION +BAND +SUCCESS +ATTEMPTS +FAILURES +HEIGHT +STORAGE +CONNECTED +BANNED +DATAHUB URL +LAST CATCH-UP ERROR$/,
    );
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual([
      ids.fast,
      ids.slow,
      ids.listener,
      ids.hostile,
    ]);
    expect(lineOf(output, 'fast')).toMatch(
      new RegExp(
        `^${ids.fast} +(\\* +)?teranode-fast +100\\.00 +ok +100% +1 +0 +500 +full +yes +no +${hubUrl}/fast$`,
      ),
    );
    // The sync peer, when the coordinator holds one, is one of the two peers ahead.
    const marked = lines.filter((line) => / \* /.test(line));
    expect(marked.length).toBeLessThanOrEqual(1);
    for (const line of marked) expect([ids.fast, ids.slow]).toContain(line.split(' ')[0]);
    expect(lineOf(output, 'slow')).toMatch(/ +teranode-slow +81\.00 +ok +100% +1 +0 +500 +full /);
    expect(lineOf(output, 'listener')).toMatch(
      / +teranode-listener +50\.00 +ok +- +0 +0 +450 +pruned .* +-$/,
    );
    // Cleaned by the registry (no <>, no control characters); the error escaped by p2pctl.
    expect(lineOf(output, 'hostile')).toMatch(
      / +bhostile\/b\[31m +5\.00 +malicious +0% +1 +1 +600 .*header 7 did not connect \\x1b\[2J\\u202egnp\.exe$/,
    );

    const json = JSON.parse((await p2pctl('registry', '--json')).output);
    expect(json.map((p: { id: string }) => p.id)).toEqual([
      ids.fast,
      ids.slow,
      ids.listener,
      ids.hostile,
    ]);
    expect(json[0]).toMatchObject({
      band: 'ok',
      success_rate: 1,
      interaction_attempts: 1,
      avg_response_time_ms: 100,
    });
    expect(json[3]).toMatchObject({
      band: 'malicious',
      malicious_count: 1,
      last_catchup_error: HOSTILE_ERROR,
      is_sync_peer: false,
    });
  }, 30_000);

  it('shows one peer with every field, and says when the registry does not know it', async () => {
    const { code, output } = await p2pctl('peer', ids.hostile);
    expect(code).toBe(0);
    expect(output).toMatch(new RegExp(`^peer +${ids.hostile}\\n`));
    for (const line of [
      /\nreputation +5\.00 \(malicious\)\n/,
      /\nunhealthy because +low reputation score: 5\.00\n/,
      /\nsuccess rate +0% \(0 of 1\)\n/,
      /\nmalicious +1\n/,
      /\nheight +600\n/,
      new RegExp(`\\nbest block +${numberedHash(600)}\\n`),
      new RegExp(`\\nDataHub URL +${hubUrl}/hostile\\n`),
      /\nconnected +yes\n/,
      /\nbanned +no \(ban score 0\)\n/,
      /\nlast catch-up error +header 7 did not connect \\x1b\[2J\\u202egnp\.exe\n/,
      /\n {2}at +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
    ])
      expect(output).toMatch(line);

    const json = JSON.parse((await p2pctl('peer', ids.fast, '--json')).output);
    expect(json).toMatchObject({ id: ids.fast, reputation_score: 100, band: 'ok' });
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(Object.keys(p2p_api.PeerRegistryInfo.fromPartial({}))),
    );

    expect(await p2pctl('peer', UNKNOWN)).toEqual({
      code: 5,
      output: `p2pctl: no peer ${UNKNOWN} in the registry (p2pctl registry lists them)\n`,
    });
  }, 30_000);

  it('resets one reputation or all of them, without the admin key as in Teranode', async () => {
    expect(await p2pctl('reputation', 'reset', ids.hostile)).toEqual({
      code: 0,
      output: `reset the reputation of ${ids.hostile} to 50\n`,
    });
    const hostile = JSON.parse((await p2pctl('peer', ids.hostile, '--json')).output);
    expect(hostile).toMatchObject({
      reputation_score: 50,
      band: 'ok',
      malicious_count: 0,
      interaction_attempts: 0,
    });

    expect(await p2pctl('reputation', 'reset', UNKNOWN)).toEqual({
      code: 5,
      output: `p2pctl: no peer ${UNKNOWN} in the registry (p2pctl registry lists them)\n`,
    });
    expect(await p2pctl('reputation', 'reset', '--api-key', ADMIN_KEY, '--json')).toEqual({
      code: 0,
      output: expect.stringMatching(/^\{\n {2}"ok": true,\n {2}"peers_reset": 4\n\}\n$/),
    });
    const after = JSON.parse((await p2pctl('registry', '--json')).output);
    expect(after.map((p: { reputation_score: number }) => p.reputation_score)).toEqual([
      50, 50, 50, 50,
    ]);
  }, 30_000);

  it('disconnects a peer and dials it again with the admin key; a dial that fails says why', async () => {
    expect(await p2pctl('disconnect', ids.listener, '--api-key', ADMIN_KEY)).toEqual({
      code: 0,
      output: `disconnected ${ids.listener}\n`,
    });
    const address = peers.listener.getMultiaddrs()[0]!.toString();
    expect(await p2pctl('connect', address, '--api-key', ADMIN_KEY)).toEqual({
      code: 0,
      output: `connected to ${address}\n`,
    });
    const nobody = `/ip4/127.0.0.1/tcp/${await freePort()}/p2p/${UNKNOWN}`;
    const refused = await p2pctl('connect', nobody, '--api-key', ADMIN_KEY);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(new RegExp(`^p2pctl: could not connect to ${nobody}: .+\n$`));
  }, 30_000);
});
