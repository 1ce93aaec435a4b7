import { credentials, Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { ban_service } from '@teranode-p2p/contracts';
import { adminMetadata, BAN, call, PEERS, failure } from './support/ban-service-process.js';
import { banServiceForSuite } from './support/ban-test-env.js';

const PEER = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';
const HUGE = 'x'.repeat(10_000);
const INT64_MAX = '9223372036854775807';
const INT64_MIN = '-9223372036854775808';
const GARBAGE_TARGETS = [
  '',
  HUGE,
  '10.0.0.0/33',
  '2001:db8::/129',
  '１.２.３.４',
  '🙂',
  'not-an-ip',
  '1.2.3.4:99999',
  '1.2.3.4; DROP TABLE bans',
  'fe80::1%eth0',
  '/ip4/1.2.3.4/tcp/9905',
];

describe('garbage in every field → clear errors, nothing stored, service keeps running', () => {
  const [env, svc] = banServiceForSuite();
  const nothingStored = async () => {
    expect(await env.rows('SELECT cidr FROM bans')).toEqual([]);
    expect(await env.rows('SELECT peer_id FROM peer_bans')).toEqual([]);
    expect(await env.rows('SELECT peer_id FROM peer_scores')).toEqual([]);
    expect(await env.rows('SELECT id FROM ban_event_outbox')).toEqual([]);
  };

  it.each(GARBAGE_TARGETS.map((t) => [t.length > 40 ? `${t.slice(0, 20)}… (${t.length})` : t, t]))(
    'target %j is INVALID_ARGUMENT in Ban, Unban, Check, BanPeer, UnbanPeer, IsBanned',
    async (_name, target) => {
      const until = String(Math.floor(Date.now() / 1000) + 3600);
      const calls = [
        call(
          svc.ban,
          BAN.ban,
          { target, duration_seconds: '60', until: '0', reason: '' },
          adminMetadata(),
        ),
        call(svc.ban, BAN.unban, { target }, adminMetadata()),
        call(svc.ban, BAN.check, { target }),
        call(svc.peers, PEERS.banPeer, { addr: target, until }, adminMetadata()),
        call(svc.peers, PEERS.unbanPeer, { addr: target }, adminMetadata()),
        call(svc.peers, PEERS.isBanned, { ipOrSubnet: target }),
      ];
      for (const outcome of calls) {
        const { code, details } = await failure(outcome);
        expect(code).toBe(status.INVALID_ARGUMENT);
        expect(details).toContain(JSON.stringify(target.slice(0, 20)).slice(0, -1));
        expect(details.length).toBeLessThan(300);
      }
      await nothingStored();
    },
  );

  it.each([
    ['until in the past', { duration_seconds: '0', until: '1000' }, 'is not in the future'],
    ['both duration and until', { duration_seconds: '60', until: '4000000000' }, 'not both'],
    ['negative duration', { duration_seconds: '-5', until: '0' }, 'not a whole number'],
    ['more than 100 years', { duration_seconds: '0', until: '99999999999' }, 'at most 100 years'],
    ['int64 max as until', { duration_seconds: '0', until: INT64_MAX }, 'at most 100 years'],
    ['int64 max as duration', { duration_seconds: INT64_MAX, until: '0' }, 'at most 100 years'],
    ['int64 min as until', { duration_seconds: '0', until: INT64_MIN }, `until=${INT64_MIN} is`],
    [
      'int64 min as duration',
      { duration_seconds: INT64_MIN, until: '0' },
      `duration_seconds=${INT64_MIN} is not a whole number of seconds ≥ 0`,
    ],
  ])('Ban with %s is INVALID_ARGUMENT', async (_name, times, message) => {
    const { code, details } = await failure(
      call(svc.ban, BAN.ban, { target: '10.0.0.1', reason: '', ...times }, adminMetadata()),
    );
    expect([code, details]).toEqual([status.INVALID_ARGUMENT, expect.stringContaining(message)]);
    await nothingStored();
  });

  it.each([
    ['10 kB', HUGE, 'at most 256'],
    ['control characters', 'bad\u0000reason', 'control characters'],
  ])(
    'Ban with a %s reason is INVALID_ARGUMENT; a unicode reason is fine',
    async (_name, reason, message) => {
      const { code, details } = await failure(
        call(
          svc.ban,
          BAN.ban,
          { target: '10.0.0.1', duration_seconds: '60', until: '0', reason },
          adminMetadata(),
        ),
      );
      expect([code, details]).toEqual([status.INVALID_ARGUMENT, expect.stringContaining(message)]);
      await nothingStored();
    },
  );

  it('a unicode reason is stored as given', async () => {
    const entry = await call(
      svc.ban,
      BAN.ban,
      { target: '10.0.0.1', duration_seconds: '60', until: '0', reason: 'спам 🙂' },
      adminMetadata(),
    );
    expect(entry.reason).toBe('спам 🙂');
    await call(svc.ban, BAN.clear, {}, adminMetadata());
    await env.rows('DELETE FROM ban_event_outbox');
  });

  it.each([
    ['', 'spam', 'peer_id is empty'],
    [HUGE, 'spam', 'is not a libp2p peer ID'],
    ['test-peer-id', 'spam', 'is not a libp2p peer ID'],
    ['1.2.3.4', 'spam', 'is not a libp2p peer ID'],
    ['🙂', 'spam', 'is not a libp2p peer ID'],
    [PEER, '', 'reason is empty'],
    [PEER, HUGE, 'is not a reason name'],
    [PEER, 'spam\n', 'is not a reason name'],
  ])(
    'AddBanScore / AddScore peer_id %j reason %j → INVALID_ARGUMENT (deviation: the reference accepts anything)',
    async (peer_id, reason, message) => {
      for (const outcome of [
        call(svc.peers, PEERS.addBanScore, { peer_id, reason }, adminMetadata()),
        call(svc.ban, BAN.addScore, { peer_id, reason }, adminMetadata()),
      ]) {
        const { code, details } = await failure(outcome);
        expect([code, details]).toEqual([
          status.INVALID_ARGUMENT,
          expect.stringContaining(message),
        ]);
      }
      await nothingStored();
    },
  );

  it('GetScore and ResetScore refuse a bad peer ID; List refuses an unknown kind', async () => {
    expect((await failure(call(svc.ban, BAN.getScore, { peer_id: 'nope' }))).code).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(
      (await failure(call(svc.ban, BAN.resetScore, { peer_id: '' }, adminMetadata()))).code,
    ).toBe(status.INVALID_ARGUMENT);
    const { code, details } = await failure(call(svc.ban, BAN.list, { kind: 99 }));
    expect([code, details]).toEqual([status.INVALID_ARGUMENT, 'kind=99 is not a ban kind']);
  });

  it('bytes that are not protobuf are refused and the service keeps answering', async () => {
    const raw = new ban_service.BanServiceClient(svc.grpcAddress, credentials.createInsecure());
    const outcome = new Promise<{ code: number }>((resolve) => {
      raw.makeUnaryRequest(
        '/ban_service.BanService/Check',
        (value: Buffer) => value,
        (value: Buffer) => value,
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
        new Metadata(),
        (error) => resolve({ code: error?.code ?? status.OK }),
      );
    });
    expect((await outcome).code).not.toBe(status.OK);
    raw.close();
    expect(await call(svc.ban, BAN.check, { target: '10.9.9.9' })).toEqual({
      banned: false,
      entry: undefined,
    });
    await nothingStored();
  });

  it('a string field cut short or not UTF-8 is refused as Go refuses it, not read as another value', async () => {
    const raw = new ban_service.BanServiceClient(svc.grpcAddress, credentials.createInsecure());
    const ban = (bytes: Buffer) =>
      new Promise<{ code: number; details: string }>((resolve) => {
        raw.makeUnaryRequest(
          '/ban_service.BanService/Ban',
          (value: Buffer) => value,
          (value: Buffer) => value,
          bytes,
          adminMetadata(),
          (error) => resolve({ code: error?.code ?? status.OK, details: error?.details ?? '' }),
        );
      });
    const text = (value: string) => Buffer.from(value);
    // duration_seconds=60, then target "10.0.0.10" with its last byte missing: read leniently,
    // that was a ban of 10.0.0.1
    const cut = Buffer.concat([Buffer.from([0x10, 0x3c, 0x0a, 0x09]), text('10.0.0.1')]);
    // target 10.0.0.2, duration_seconds=60, reason 0xc3 0x28 (not UTF-8): read leniently, "\uFFFD("
    const notUtf8 = Buffer.concat([
      Buffer.from([0x0a, 0x08]),
      text('10.0.0.2'),
      Buffer.from([0x10, 0x3c, 0x22, 0x02, 0xc3, 0x28]),
    ]);
    const refused = { code: status.INTERNAL, details: 'Error deserializing request' };
    expect(await ban(cut)).toEqual(refused);
    expect(await ban(notUtf8)).toEqual(refused);
    raw.close();
    await nothingStored();
    expect(await call(svc.ban, BAN.check, { target: '10.0.0.1' })).toEqual({
      banned: false,
      entry: undefined,
    });
  });

  it('GetPeers, ConnectPeer and DisconnectPeer are UNIMPLEMENTED here and point to gossip-node', async () => {
    for (const outcome of [
      call(svc.peers, PEERS.getPeers, {}),
      call(svc.peers, PEERS.connectPeer, { peer_address: '/ip4/1.2.3.4/tcp/1' }, adminMetadata()),
      call(svc.peers, PEERS.disconnectPeer, { peer_id: PEER }, adminMetadata()),
    ]) {
      const { code, details } = await failure(outcome);
      expect([code, details]).toEqual([
        status.UNIMPLEMENTED,
        expect.stringContaining('gossip-node'),
      ]);
    }
  });
});

describe('x-api-key on mutating RPCs', () => {
  const [env, svc] = banServiceForSuite();

  it('missing or wrong key → UNAUTHENTICATED on every mutating RPC, nothing stored; read RPCs are open', async () => {
    const until = String(Math.floor(Date.now() / 1000) + 3600);
    const mutating = (metadata: Metadata) => [
      call(svc.peers, PEERS.banPeer, { addr: '10.0.0.1', until }, metadata),
      call(svc.peers, PEERS.unbanPeer, { addr: '10.0.0.1' }, metadata),
      call(svc.peers, PEERS.clearBanned, {}, metadata),
      call(svc.peers, PEERS.addBanScore, { peer_id: PEER, reason: 'spam' }, metadata),
      call(
        svc.ban,
        BAN.ban,
        { target: '10.0.0.1', duration_seconds: '60', until: '0', reason: '' },
        metadata,
      ),
      call(svc.ban, BAN.unban, { target: '10.0.0.1' }, metadata),
      call(svc.ban, BAN.clear, {}, metadata),
      call(svc.ban, BAN.addScore, { peer_id: PEER, reason: 'spam' }, metadata),
      call(svc.ban, BAN.resetScore, { peer_id: PEER }, metadata),
    ];
    for (const metadata of [new Metadata(), adminMetadata('wrong'), adminMetadata('')]) {
      for (const outcome of mutating(metadata)) {
        expect((await failure(outcome)).code).toBe(status.UNAUTHENTICATED);
      }
    }
    expect(await env.rows('SELECT cidr FROM bans')).toEqual([]);
    expect(await env.rows('SELECT peer_id FROM peer_scores')).toEqual([]);
    expect(await call(svc.peers, PEERS.isBanned, { ipOrSubnet: '10.0.0.1' })).toEqual({
      isBanned: false,
    });
    expect(await call(svc.peers, PEERS.listBanned, {})).toEqual({ banned: [] });
    expect((await call(svc.ban, BAN.getScore, { peer_id: PEER })).score).toBe(0);
  });
});
