import { status as grpcStatus } from '@grpc/grpc-js';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { peer_registry } from '@teranode-p2p/contracts';
import { listForCatchup, peerRecordOf, toPeerInfoForCatchup } from '@teranode-p2p/peer-registry';
import { waitFor } from '@teranode-p2p/testing';
import {
  adminMetadata,
  BAN,
  call,
  failure,
  REGISTRY,
  type BanServiceProcess,
} from './support/ban-service-process.js';
import { banTestEnvForSuite } from './support/ban-test-env.js';

const PEER_IDS = [
  '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF',
  '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp',
  '12D3KooWHHzSeKaY8xuZVzkLbKFfvNgPPeKhFBGrMbNzbm5akpqu',
  'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N',
];
const [A, B, C, D] = PEER_IDS as [string, string, string, string];
const { Connection, Interaction } = peer_registry;

// reference-peer-registry.md §8 (peer_registry_test.go, handle_catchup_metrics_test.go) on a
// real PostgreSQL, through ban-service's PeerRegistry gRPC service.
describe('peer registry in ban-service (PostgreSQL)', () => {
  const env = banTestEnvForSuite();
  let running: BanServiceProcess | undefined;
  const registry = () => running!.registry;

  const gossip = (
    observations: Partial<peer_registry.GossipObservation>[],
    connected_for_ms = 0,
    reporter = '',
  ) =>
    call(registry(), REGISTRY.applyGossip, {
      connected_for_ms,
      reporter,
      observations: observations.map((o) => ({
        peer_id: '',
        bytes_received: '0',
        last_message_at: '0',
        status: undefined,
        connection: Connection.UNCHANGED,
        ...o,
      })),
    });
  const seen = (peer_id: string, extra: Partial<peer_registry.GossipObservation> = {}) =>
    gossip([{ peer_id, last_message_at: String(Date.now()), bytes_received: '100', ...extra }]);
  const status = (peer_id: string, s: Partial<peer_registry.PeerStatus>) =>
    seen(peer_id, {
      status: {
        height: 0,
        block_hash: '',
        data_hub_url: '',
        client_name: '',
        storage: '',
        ...s,
      },
    });
  const record = (
    peer_id: string,
    interaction: peer_registry.Interaction,
    extra: Partial<peer_registry.RecordRequest> = {},
  ) =>
    call(registry(), REGISTRY.record, {
      peer_id,
      interaction,
      response_time_ms: '0',
      bytes: '0',
      error: '',
      ...extra,
    });
  const get = async (peer_id: string) => {
    const answer = await call(registry(), REGISTRY.get, { peer_id });
    return answer.found ? answer.peer : undefined;
  };
  const list = async (request: Partial<peer_registry.ListRequest> = {}) =>
    (
      await call(registry(), REGISTRY.list, {
        min_reputation: 0,
        min_height: 0,
        exclude_banned: false,
        sort_by_storage: false,
        connected_only: false,
        ...request,
      })
    ).peers.map((p) => p.id);
  const restart = async (settings: Record<string, string> = {}, keepRows = false) => {
    await running?.stop();
    if (!keepRows)
      await env.rows('DELETE FROM peer_registry; DELETE FROM peer_scores; DELETE FROM peer_bans');
    running = await env.start(settings);
  };

  beforeAll(async () => {
    running = await env.start();
  }, 60_000);

  it('a new peer starts at 50, connected, with ConnectedAt and LastSeen; status updates overwrite height and URL', async () => {
    await restart();
    expect((await seen(A)).applied).toBe(1);
    const created = (await get(A))!;
    expect(created).toMatchObject({
      reputation_score: 50,
      is_connected: true,
      bytes_received: '100',
      transport: 'http',
    });
    expect(Number(created.connected_at)).toBeGreaterThan(0);
    expect(Number(created.last_seen)).toBeGreaterThan(0);
    await status(A, {
      height: 900,
      data_hub_url: 'https://a.example/api/v1',
      client_name: 'node<a>',
      storage: 'full',
      block_hash: 'ab'.repeat(32),
    });
    await status(A, { height: 901, data_hub_url: 'https://a2.example/api/v1' });
    expect(await get(A)).toMatchObject({
      height: 901,
      data_hub_url: 'https://a2.example/api/v1',
      client_name: 'nodea',
      storage: 'full',
      block_hash: 'ab'.repeat(32),
      bytes_received: '300',
      is_connected: true,
    });
  });

  it('a disconnection marks a known peer and inserts no unknown one', async () => {
    await restart();
    await seen(A);
    expect((await gossip([{ peer_id: B, connection: Connection.DISCONNECTED }])).applied).toBe(0);
    await gossip([{ peer_id: A, connection: Connection.DISCONNECTED }]);
    expect(await get(B)).toBeUndefined();
    expect((await get(A))!.is_connected).toBe(false);
    expect(await list({ connected_only: true })).toEqual([]);
  });

  it('a connection is a lease: it runs out unless gossip or a CONNECTED renews it, and only moves forward', async () => {
    await restart();
    const connected = async (id: string) => (await get(id))!.is_connected;
    // A relayed author heard once, and a direct peer whose replica then stops reporting.
    await gossip([{ peer_id: A, last_message_at: String(Date.now()) }], 1500);
    await gossip([{ peer_id: B, last_message_at: String(Date.now()) }], 1500);
    // Another replica holds B for longer; a shorter lease from a third does not cut it back.
    await gossip([{ peer_id: B, connection: Connection.CONNECTED }], 60_000);
    await gossip([{ peer_id: B, connection: Connection.CONNECTED }], 1000);
    expect([await connected(A), await connected(B)]).toEqual([true, true]);
    expect((await list({ connected_only: true })).sort()).toEqual([A, B].sort());
    await waitFor('A no longer connected', async () => !(await connected(A)), {
      timeoutMs: 5000,
    });
    expect(await connected(B)).toBe(true);
    expect(await list({ connected_only: true })).toEqual([B]);
    // Renewed by a CONNECTED alone (a quiet peer a replica still holds), then ended.
    await gossip([{ peer_id: A, connection: Connection.CONNECTED }], 60_000);
    expect(await connected(A)).toBe(true);
    await gossip([{ peer_id: A, connection: Connection.DISCONNECTED }]);
    expect(await connected(A)).toBe(false);
    // Without connected_for_ms the lease is a minute.
    await seen(C);
    const [lease] = await env.rows(
      `SELECT round(extract(epoch from until - now()))::int AS seconds
       FROM peer_connections WHERE peer_id = '${C}'`,
    );
    expect(lease!['seconds']).toBeGreaterThanOrEqual(58);
    expect(lease!['seconds']).toBeLessThanOrEqual(60);
  });

  it("one node's disconnection does not end the connection another node still reports", async () => {
    await restart();
    const connected = async () => (await get(A))!.is_connected;
    await gossip([{ peer_id: A, last_message_at: String(Date.now()) }], 60_000, 'node-1');
    await gossip([{ peer_id: A, connection: Connection.CONNECTED }], 60_000, 'node-2');
    await gossip([{ peer_id: A, connection: Connection.DISCONNECTED }], 60_000, 'node-1');
    expect(await connected()).toBe(true);
    await gossip([{ peer_id: A, connection: Connection.DISCONNECTED }], 60_000, 'node-2');
    expect(await connected()).toBe(false);
    // A node that stops reporting (killed) stops vouching once its own lease runs out.
    await gossip([{ peer_id: A, connection: Connection.CONNECTED }], 60_000, 'node-1');
    await gossip([{ peer_id: A, connection: Connection.CONNECTED }], 1000, 'node-2');
    await gossip([{ peer_id: A, connection: Connection.DISCONNECTED }], 60_000, 'node-1');
    expect(await connected()).toBe(true);
    await waitFor('node-2 lease run out', async () => !(await connected()), { timeoutMs: 5000 });
    const { code } = await failure(
      gossip([{ peer_id: A, last_message_at: '1' }], 0, 'x'.repeat(129)),
    );
    expect(code).toBe(grpcStatus.INVALID_ARGUMENT);
  });

  it('an author nobody hears any more becomes evictable: the registry stays within its size', async () => {
    await restart({ p2p_peer_registry_max_size: '2', p2p_peer_registry_cleanup_interval: '300ms' });
    for (const id of [A, B, C]) {
      await gossip([{ peer_id: id, last_message_at: String(Date.now()) }], 500);
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor('the oldest evicted', async () => (await get(A)) === undefined, {
      timeoutMs: 5000,
    });
    expect((await list()).sort()).toEqual([B, C].sort());
  });

  it('a flood of new authors brings the cleanup forward: the registry does not wait an hour to shrink', async () => {
    await restart({ p2p_peer_registry_max_size: '3' });
    const authors = await Promise.all(
      Array.from({ length: 12 }, async () =>
        peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString(),
      ),
    );
    await gossip(
      authors.map((peer_id) => ({ peer_id, last_message_at: String(Date.now()) })),
      1000,
    );
    expect(await list()).toHaveLength(12);
    await waitFor('the registry back within its size', async () => (await list()).length <= 3, {
      timeoutMs: 10_000,
    });
  });

  it('takes no text over its limit from a peer, and answers List and ListForCatchup within what gRPC clients take', async () => {
    await restart();
    const newIds = (count: number) =>
      Promise.all(
        Array.from({ length: count }, async () =>
          peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString(),
        ),
      );
    const statusOf = (data_hub_url: string, extra: Partial<peer_registry.PeerStatus> = {}) => ({
      height: 100,
      block_hash: 'ab'.repeat(32),
      data_hub_url,
      client_name: 'node',
      storage: 'full',
      ...extra,
    });
    // Six node_status of almost 1 MiB each (valid gossip) made every answer 5.4 MB: refused.
    const huge = await newIds(6);
    for (const peer_id of huge)
      await gossip([
        {
          peer_id,
          last_message_at: String(Date.now()),
          status: statusOf(`https://x.example/${'a'.repeat(900_000)}`, {
            block_hash: 'ab'.repeat(500),
            storage: 'full'.repeat(100),
          }),
        },
      ]);
    expect(await get(huge[0]!)).toMatchObject({ data_hub_url: '', block_hash: '', storage: '' });
    expect(await list()).toHaveLength(6);
    // A URL within the limit replaces the old one; an oversized one later leaves it.
    await status(huge[0]!, { height: 101, data_hub_url: 'https://ok.example/api/v1' });
    await status(huge[0]!, { height: 102, data_hub_url: `https://x.example/${'b'.repeat(3000)}` });
    expect(await get(huge[0]!)).toMatchObject({
      height: 102,
      data_hub_url: 'https://ok.example/api/v1',
    });

    // 1,600 peers with URLs at the limit are about 3.7 MB: the best that fit 3 MiB are answered.
    const many = await newIds(1600);
    const url = (i: number) => `https://peer${i}.example/`.padEnd(2048, 'u');
    for (let from = 0; from < many.length; from += 800)
      await gossip(
        many.slice(from, from + 800).map((peer_id, i) => ({
          peer_id,
          last_message_at: String(Date.now()),
          status: statusOf(url(from + i)),
        })),
      );
    const listed = await list();
    const catchup = (await call(registry(), REGISTRY.listForCatchup, {})).peers;
    for (const answered of [listed.length, catchup.length]) {
      expect(answered).toBeGreaterThan(1000);
      expect(answered).toBeLessThan(1606);
    }
  });

  it('catch-up outcomes: success (250 ms) → average 250, failure counted, malicious pins 5; unknown peers are not created', async () => {
    await restart();
    for (const id of [A, B, C]) await seen(id);
    await record(A, Interaction.CATCHUP_SUCCESS, { response_time_ms: '250' });
    await record(B, Interaction.CATCHUP_FAILURE);
    await record(C, Interaction.CATCHUP_MALICIOUS);
    await record(C, Interaction.CATCHUP_SUCCESS, { response_time_ms: '100' });
    expect(await get(A)).toMatchObject({
      interaction_attempts: '1',
      interaction_successes: '1',
      avg_response_time_ms: 250,
    });
    // (60 + 20 + 10) × 1.1 for an average under 500 ms.
    expect((await get(A))!.reputation_score).toBeCloseTo(99);
    expect(await get(B)).toMatchObject({ interaction_failures: '1', reputation_score: 5 });
    expect(await get(C)).toMatchObject({ malicious_count: '1', reputation_score: 5 });
    expect((await record(D, Interaction.CATCHUP_FAILURE)).found).toBe(false);
    expect(await get(D)).toBeUndefined();
  });

  it('sync attempts, received items, downloads and catch-up errors', async () => {
    await restart();
    await seen(A);
    await record(A, Interaction.SYNC_ATTEMPT);
    await record(A, Interaction.BLOCK_RECEIVED, { response_time_ms: '150' });
    await record(A, Interaction.SUBTREE_RECEIVED);
    await record(A, Interaction.TRANSACTION_RECEIVED);
    await record(A, Interaction.BYTES_DOWNLOADED, { bytes: '1500' });
    await record(A, Interaction.BYTES_DOWNLOADED, { bytes: '500' });
    await record(A, Interaction.CATCHUP_ERROR, { error: 'header 12 did not connect' });
    const peer = (await get(A))!;
    expect(peer).toMatchObject({
      sync_attempt_count: 1,
      blocks_received: '1',
      subtrees_received: '1',
      transactions_received: '1',
      interaction_successes: '3',
      avg_response_time_ms: 150,
      bytes_received: String(100 + 2000),
      last_catchup_error: 'header 12 did not connect',
    });
    expect(Number(peer.last_block_time)).toBeGreaterThan(0);
    expect(Number(peer.last_sync_attempt)).toBeGreaterThan(0);
    expect((await call(registry(), REGISTRY.clearSyncAttempts, {})).cleared).toBe(1);
    expect(await get(A)).toMatchObject({ last_sync_attempt: '0', sync_attempt_count: 1 });
  });

  it('stores U+0000, which PostgreSQL text cannot hold, as U+FFFD instead of failing the batch', async () => {
    await restart();
    await gossip([
      { peer_id: A, last_message_at: String(Date.now()) },
      {
        peer_id: B,
        last_message_at: String(Date.now()),
        status: {
          height: 7,
          block_hash: '',
          data_hub_url: '',
          client_name: '',
          storage: 'full\u0000',
        },
      },
    ]);
    await record(A, Interaction.CATCHUP_ERROR, { error: 'bad\u0000tx' });
    expect(await get(A)).toMatchObject({ last_catchup_error: 'bad\uFFFDtx' });
    expect(await get(B)).toMatchObject({ height: 7, storage: 'full\uFFFD' });
  });

  it('lists by reputation; with storage first, full before pruned even at lower reputation', async () => {
    await restart();
    await status(A, { height: 10, storage: 'pruned', data_hub_url: 'https://a.example' });
    await status(B, { height: 20, storage: 'full', data_hub_url: 'https://b.example' });
    await status(C, { height: 30, data_hub_url: 'https://c.example' });
    await record(A, Interaction.CATCHUP_SUCCESS, { response_time_ms: '100' });
    await record(C, Interaction.CATCHUP_FAILURE);
    expect(await list()).toEqual([A, B, C]);
    expect(await list({ sort_by_storage: true })).toEqual([B, A, C]);
    expect(await list({ min_height: 20 })).toEqual([B, C]);
    expect(await list({ min_reputation: 40 })).toEqual([A, B]);
  });

  it('ListForCatchup (GetPeersForCatchup): no banned or URL-less peer; full, pruned, unknown; reputation; latest success; peer ID', async () => {
    await restart({ p2p_ban_threshold: '40' });
    const ids: string[] = [];
    for (let i = 0; i < 9; i++)
      ids.push(peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString());
    const url = (i: number) => `https://p${i}.example/api/v1`;
    const storages = ['full', 'full', 'pruned', 'pruned', '', 'full', 'full', '', 'full'];
    for (const [i, id] of ids.entries())
      await status(id, {
        height: 100 + i,
        block_hash: i === 7 ? '' : String(i).repeat(64),
        data_hub_url: i === 5 ? '' : url(i),
        storage: storages[i]!,
      });
    const success = (i: number) =>
      record(ids[i]!, Interaction.CATCHUP_SUCCESS, { response_time_ms: '100' });
    await success(1);
    await success(2);
    await new Promise((resolve) => setTimeout(resolve, 5)); // 3's success is the later one
    await success(3);
    await record(ids[4]!, Interaction.CATCHUP_FAILURE);
    await call(running!.ban, BAN.addScore, { peer_id: ids[6], reason: 'spam' }, adminMetadata());

    const answer = (await call(registry(), REGISTRY.listForCatchup, {})).peers;
    const [tieFirst, tieSecond] = [ids[0]!, ids[8]!].sort();
    expect(answer.map((p) => p.id)).toEqual([
      ids[1],
      tieFirst,
      tieSecond,
      ids[3],
      ids[2],
      ids[7],
      ids[4],
    ]);
    expect(answer[0]).toEqual({
      id: ids[1],
      height: 101,
      block_hash: '1'.repeat(64),
      data_hub_url: url(1),
      catchup_reputation_score: 100,
      catchup_attempts: '1',
      catchup_successes: '1',
      catchup_failures: '0',
    });
    expect(answer.find((p) => p.id === ids[7])!.block_hash).toBe('');
    // The same list as the registry's rules over every record (what List's callers got).
    const all = (await call(registry(), REGISTRY.list, peer_registry.ListRequest.fromPartial({})))
      .peers;
    expect(answer).toEqual(
      listForCatchup(all.map(peerRecordOf), Date.now()).map(toPeerInfoForCatchup),
    );
  });

  it('mirrors the ban authority: a score ban shows on the record, is excluded on request, and survives Remove', async () => {
    await restart({ p2p_ban_threshold: '40' });
    await seen(A);
    await seen(B);
    await call(running!.ban, BAN.addScore, { peer_id: B, reason: 'spam' }, adminMetadata());
    expect(await get(B)).toMatchObject({ is_banned: true, ban_score: 50 });
    expect(Number((await get(B))!.ban_until)).toBeGreaterThan(Date.now());
    expect(await get(A)).toMatchObject({ is_banned: false, ban_score: 0 });
    expect(await list({ exclude_banned: true })).toEqual([A]);
    expect((await call(registry(), REGISTRY.remove, { peer_id: B })).removed).toBe(true);
    await seen(B);
    expect(await get(B)).toMatchObject({ is_banned: true, reputation_score: 50 });
  });

  it('ResetReputation: one peer → 50 and counters cleared; empty → every peer', async () => {
    await restart();
    for (const id of [A, B, C]) await seen(id);
    await record(A, Interaction.CATCHUP_MALICIOUS);
    await record(A, Interaction.SYNC_ATTEMPT);
    const reset = await call(registry(), REGISTRY.resetReputation, { peer_id: A });
    expect(reset.reset).toBe(1);
    expect(await get(A)).toMatchObject({
      reputation_score: 50,
      malicious_count: '0',
      sync_attempt_count: 0,
      interaction_attempts: '0',
    });
    expect((await call(registry(), REGISTRY.resetReputation, { peer_id: '' })).reset).toBe(3);
  });

  it('ReconsiderBadPeers lifts an old failure to 30 once, then waits the ×3 cooldown', async () => {
    await restart();
    await seen(A);
    await seen(B);
    await record(A, Interaction.CATCHUP_FAILURE);
    await new Promise((r) => setTimeout(r, 300));
    await record(B, Interaction.CATCHUP_FAILURE);
    const reconsider = (cooldown_ms: number) =>
      call(registry(), REGISTRY.reconsiderBadPeers, { cooldown_ms: String(cooldown_ms) });
    expect((await reconsider(250)).reconsidered).toBe(1);
    expect(await get(A)).toMatchObject({ reputation_score: 30, reputation_reset_count: 1 });
    expect(await get(B)).toMatchObject({ reputation_score: 5 });
    await record(A, Interaction.CATCHUP_FAILURE);
    await new Promise((r) => setTimeout(r, 300));
    // A's failure is old enough, but its last reset is not 3 × 250 ms ago yet; B's is.
    expect((await reconsider(250)).reconsidered).toBe(1);
    expect(await get(B)).toMatchObject({ reputation_score: 30 });
  });

  it('cleanup drops idle peers past p2p_peer_registry_ttl; connected and banned peers stay', async () => {
    await restart({
      p2p_peer_registry_ttl: '1s',
      p2p_peer_registry_cleanup_interval: '300ms',
      p2p_ban_threshold: '40',
    });
    for (const id of [A, B, C]) await seen(id);
    await gossip([
      { peer_id: A, connection: Connection.DISCONNECTED },
      { peer_id: C, connection: Connection.DISCONNECTED },
    ]);
    await call(running!.ban, BAN.addScore, { peer_id: C, reason: 'spam' }, adminMetadata());
    await waitFor('the idle peer evicted', async () => (await get(A)) === undefined, {
      timeoutMs: 5000,
    });
    expect((await list()).sort()).toEqual([B, C].sort());
    const metrics = await (await fetch(`${running!.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/peer_registry_evictions_total\{reason="expired"[^}]*\} [1-9]/);
  });

  it('cleanup keeps at most p2p_peer_registry_max_size idle peers, dropping the least recently active', async () => {
    await restart({ p2p_peer_registry_max_size: '2', p2p_peer_registry_cleanup_interval: '300ms' });
    for (const id of [A, B, C]) {
      await seen(id, { connection: Connection.DISCONNECTED });
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor('the oldest evicted', async () => (await get(A)) === undefined, {
      timeoutMs: 5000,
    });
    expect((await list()).sort()).toEqual([B, C].sort());
  });

  it('keeps everything across a restart', async () => {
    await restart();
    await status(A, { height: 77, storage: 'full', data_hub_url: 'https://a.example' });
    await record(A, Interaction.CATCHUP_MALICIOUS);
    await restart({}, true);
    expect(await get(A)).toMatchObject({ height: 77, storage: 'full', reputation_score: 5 });
  });

  it('two replicas applying gossip for the same peers at once lose no update', async () => {
    await restart();
    const other = await env.start();
    try {
      const batch = (client: typeof running) =>
        call(client!.registry, REGISTRY.applyGossip, {
          connected_for_ms: 0,
          reporter: '',
          observations: [A, B, C].map((peer_id) => ({
            peer_id,
            bytes_received: '10',
            last_message_at: String(Date.now()),
            status: undefined,
            connection: Connection.UNCHANGED,
          })),
        });
      await Promise.all(Array.from({ length: 20 }, (_, i) => batch(i % 2 === 0 ? running : other)));
      for (const id of [A, B, C]) expect((await get(id))!.bytes_received).toBe('200');
    } finally {
      await other.stop();
    }
  });

  it('answers garbage with INVALID_ARGUMENT and keeps serving', async () => {
    await restart();
    const bad = [
      gossip([{ peer_id: 'not-a-peer', last_message_at: '1' }]),
      gossip([{ peer_id: A, last_message_at: '-5' }]),
      // Past the last instant a Date holds, though still a safe integer.
      gossip([{ peer_id: A, last_message_at: '8640000000000001' }]),
      gossip([{ peer_id: A, last_message_at: '9007199254740991' }]),
      gossip([{ peer_id: A, last_message_at: '1' }], 3_600_001),
      record(A, 99 as peer_registry.Interaction),
      record('x'.repeat(100_000), Interaction.CATCHUP_FAILURE),
      record(A, Interaction.CATCHUP_SUCCESS, { response_time_ms: '-1' }),
      call(registry(), REGISTRY.reconsiderBadPeers, { cooldown_ms: '-1' }),
      call(registry(), REGISTRY.get, { peer_id: 'a\u0000b' }),
    ];
    for (const attempt of bad) {
      const { code, details } = await failure(attempt);
      expect(code).toBe(grpcStatus.INVALID_ARGUMENT);
      expect(details.length).toBeLessThan(200);
    }
    expect((await seen(A)).applied).toBe(1);
  });
});
