import { status } from '@grpc/grpc-js';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { waitFor } from '@teranode-p2p/testing';
import {
  adminMetadata,
  BAN,
  call,
  PEERS,
  failure,
  type BanServiceProcess,
} from './support/ban-service-process.js';
import { summarise } from './support/ban-event-collector.js';
import { banTestEnvForSuite } from './support/ban-test-env.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

// reference-service.md §10 items 54–60 (BanList) through the real gRPC API of the built app,
// on a real PostgreSQL and a real Kafka broker.
describe('ban list over gRPC (PostgreSQL + Kafka)', () => {
  const env = banTestEnvForSuite();
  let svc: BanServiceProcess;

  const ban = (target: string, duration_seconds = 3600, reason = '') =>
    call(
      svc.ban,
      BAN.ban,
      { target, duration_seconds: String(duration_seconds), until: '0', reason },
      adminMetadata(),
    );
  const banPeer = (addr: string, until: number) =>
    call(svc.peers, PEERS.banPeer, { addr, until: String(until) }, adminMetadata());
  const unbanPeer = (addr: string) => call(svc.peers, PEERS.unbanPeer, { addr }, adminMetadata());
  const isBanned = async (ipOrSubnet: string) =>
    (await call(svc.peers, PEERS.isBanned, { ipOrSubnet })).isBanned;
  const listBanned = async () => (await call(svc.peers, PEERS.listBanned, {})).banned;
  const clear = () => call(svc.peers, PEERS.clearBanned, {}, adminMetadata());
  const storedCidrs = async () =>
    (await env.rows('SELECT cidr::text AS cidr FROM bans ORDER BY cidr')).map((r) => r['cidr']);

  beforeAll(async () => {
    svc = await env.start({ p2p_ban_sweep_interval: '500ms' });
  }, 60_000);

  it('54: BanPeer 127.0.0.1 until now+3600 → stored as 127.0.0.1/32 with that expiry, event published', async () => {
    const until = nowSeconds() + 3600;
    expect(await banPeer('127.0.0.1', until)).toEqual({ ok: true });
    const [row] = await env.rows(
      "SELECT cidr::text AS cidr, extract(epoch FROM expires_at)::bigint AS until FROM bans WHERE cidr = '127.0.0.1/32'",
    );
    expect(row).toEqual({ cidr: '127.0.0.1/32', until: String(until) });
    await waitFor('the ADDED event', () =>
      env.events.events.find(
        (e) => e.event.value === '127.0.0.1/32' && e.event.until === String(until),
      ),
    );
    await clear();
  });

  it('55 (deviation: the key is the canonical CIDR, the port is dropped): 127.0.0.0/24 and 127.0.0.0:1234', async () => {
    await ban('127.0.0.0/24');
    await ban('127.0.0.0:1234');
    expect(await listBanned()).toEqual(['127.0.0.0/24', '127.0.0.0/32']);
    expect(await storedCidrs()).toEqual(['127.0.0.0/24', '127.0.0.0/32']);
    await clear();
  });

  it('56: with 192.168.1.1 and 10.0.0.0/24 banned, IsBanned answers per address, subnet and port', async () => {
    await ban('192.168.1.1');
    await ban('10.0.0.0/24');
    for (const hit of ['192.168.1.1', '10.0.0.5', '192.168.1.1:8333', '10.0.0.128/25'])
      expect([hit, await isBanned(hit)]).toEqual([hit, true]);
    for (const miss of ['192.168.1.2', '10.0.1.1', '192.168.1.2:8333', '10.0.0.0/16'])
      expect([miss, await isBanned(miss)]).toEqual([miss, false]);
  });

  it('56 (deviation: garbage is INVALID_ARGUMENT naming the text, not false): invalid, 10.0.0.0/33, ""', async () => {
    for (const garbage of ['invalid', '10.0.0.0/33', '']) {
      const { code, details } = await failure(isBanned(garbage));
      expect([garbage, code]).toEqual([garbage, status.INVALID_ARGUMENT]);
      expect(details).toContain(JSON.stringify(garbage));
    }
  });

  it('57 + Bitcoin Core: unban needs the exact entry; unbanning what is not banned is fine', async () => {
    expect(await call(svc.ban, BAN.unban, { target: '10.0.0.5' }, adminMetadata())).toEqual({
      removed: false,
    });
    expect(await isBanned('10.0.0.5')).toBe(true);
    expect(await unbanPeer('192.168.1.1')).toEqual({ ok: true });
    expect(await unbanPeer('192.168.1.1')).toEqual({ ok: true });
    expect(await call(svc.ban, BAN.unban, { target: '10.0.0.0/24' }, adminMetadata())).toEqual({
      removed: true,
    });
    expect(await unbanPeer('172.16.0.0/12')).toEqual({ ok: true });
    expect(await listBanned()).toEqual([]);
    expect(await storedCidrs()).toEqual([]);
  });

  it('58: add 192.168.1.1, add 10.0.0.0/24, remove 192.168.1.1 → exactly these events, in order', async () => {
    const before = env.events.events.length;
    await ban('192.168.1.1');
    await ban('10.0.0.0/24');
    await unbanPeer('192.168.1.1');
    const all = await env.events.summary(before + 3);
    expect(all.slice(before)).toEqual([
      'ADDED|IP|192.168.1.1/32',
      'ADDED|SUBNET|10.0.0.0/24',
      'REMOVED|IP|192.168.1.1/32',
    ]);
    expect(env.events.events.slice(before).map((e) => e.key)).toEqual([
      '192.168.1.1/32',
      '10.0.0.0/24',
      '192.168.1.1/32',
    ]);
  });

  it('59: ClearBanned empties memory and Postgres and publishes CLEARED; a restart loads what is stored', async () => {
    const before = env.events.events.length;
    expect(await clear()).toEqual({ ok: true });
    expect(await listBanned()).toEqual([]);
    expect(await storedCidrs()).toEqual([]);
    expect((await env.events.summary(before + 1)).slice(before)).toEqual(['CLEARED|UNSPECIFIED|']);
    await ban('10.1.0.0/16');
    await ban('2001:db8::/32');
    await svc.stop();
    svc = await env.start({ p2p_ban_sweep_interval: '500ms' });
    expect(await listBanned()).toEqual(['10.1.0.0/16', '2001:db8::/32']);
    await clear();
  });

  it('60: an IPv6 ban matches itself with and without port, not its neighbour; IPv4 with and without port', async () => {
    await ban('2406:da18:1f7:353a:b079:da22:c7d5:e166');
    await ban('1.2.3.4');
    expect(await isBanned('2406:da18:1f7:353a:b079:da22:c7d5:e166')).toBe(true);
    expect(await isBanned('[2406:da18:1f7:353a:b079:da22:c7d5:e166]:8333')).toBe(true);
    expect(await isBanned('2406:da18:1f7:353a:b079:da22:c7d5:e167')).toBe(false);
    expect(await isBanned('1.2.3.4')).toBe(true);
    expect(await isBanned('1.2.3.4:8333')).toBe(true);
    await clear();
  });

  it('IPv4-mapped IPv6 is folded: ::ffff:1.2.3.4 is stored and matched as 1.2.3.4/32', async () => {
    const entry = await ban('::ffff:1.2.3.4');
    expect(entry.value).toBe('1.2.3.4/32');
    expect(await isBanned('1.2.3.4')).toBe(true);
    expect(await storedCidrs()).toEqual(['1.2.3.4/32']);
    await clear();
  });

  it('IsBanned, ListBanned and ClearBanned cover peer IDs too (deviation: the reference keeps them apart)', async () => {
    const peer = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';
    await ban(peer, 3600, 'operator says so');
    await ban('10.2.0.0/16');
    expect(await isBanned(peer)).toBe(true);
    expect(await listBanned()).toEqual(['10.2.0.0/16', peer]);
    const check = await call(svc.ban, BAN.check, { target: peer });
    expect(check.entry).toMatchObject({
      kind: p2p_events.BanKind.BAN_KIND_PEER,
      value: peer,
      reason: 'operator says so',
      source: p2p_events.BanSource.BAN_SOURCE_MANUAL,
    });
    await clear();
    expect(await isBanned(peer)).toBe(false);
    expect(await env.rows('SELECT * FROM peer_bans')).toEqual([]);
  });

  it('Bitcoin Core: banning an exact entry that is already banned is ALREADY_EXISTS; BanPeer (Teranode) replaces the expiry', async () => {
    await ban('10.3.0.0/16');
    const { code, details } = await failure(ban('10.3.0.0/16'));
    expect(code).toBe(status.ALREADY_EXISTS);
    expect(details).toContain('10.3.0.0/16 is already banned');
    const later = nowSeconds() + 7200;
    await banPeer('10.3.0.0/16', later);
    const list = await call(svc.ban, BAN.list, { kind: 0 });
    expect(list.entries.map((e) => [e.value, e.expires_at])).toEqual([
      ['10.3.0.0/16', String(later)],
    ]);
    await clear();
  });

  it('expiry: an expired ban is never reported, is swept from Postgres and published as EXPIRED; List sweeps first (Bitcoin Core)', async () => {
    await ban('10.4.0.0/16', 2);
    expect(await isBanned('10.4.1.1')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect(await isBanned('10.4.1.1')).toBe(false);
    expect(await listBanned()).toEqual([]);
    expect(await storedCidrs()).toEqual([]);
    const about = () => env.events.events.filter((e) => e.event.value === '10.4.0.0/16');
    await waitFor('the EXPIRED event', () => about().length >= 2);
    expect(about().map((e) => summarise(e.event))).toEqual([
      'ADDED|SUBNET|10.4.0.0/16',
      'EXPIRED|SUBNET|10.4.0.0/16',
    ]);
  });

  it('BanPeer with an until in the past (or none) is INVALID_ARGUMENT, nothing stored', async () => {
    for (const until of [0, nowSeconds() - 10, 1]) {
      const { code, details } = await failure(banPeer('10.5.0.1', until));
      expect([until, code]).toEqual([until, status.INVALID_ARGUMENT]);
      expect(details).toMatch(/until/);
    }
    expect(await storedCidrs()).toEqual([]);
  });

  it('Ban without a duration uses p2p_ban_default_duration (24 h)', async () => {
    const entry = await call(
      svc.ban,
      BAN.ban,
      { target: '10.6.0.1', duration_seconds: '0', until: '0', reason: '' },
      adminMetadata(),
    );
    expect(Number(entry.expires_at) - Number(entry.created_at)).toBeGreaterThanOrEqual(24 * 3600);
    expect(Number(entry.expires_at) - Number(entry.created_at)).toBeLessThanOrEqual(24 * 3600 + 1);
    await clear();
  });
});
