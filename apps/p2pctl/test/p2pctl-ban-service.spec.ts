import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  requireKafka,
  spawnNode,
  startRealBanService,
  workspaceRoot,
  type RealBanService,
} from '@teranode-p2p/testing';

const bin = join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs');
const ADMIN_KEY = 'p2pctl-test-key';
const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';

// p2pctl against the real, built ban-service on real PostgreSQL and Kafka.
describe('p2pctl with ban-service', () => {
  let banService: RealBanService;
  let address: string;
  let healthUrl: string;

  const p2pctl = async (...args: string[]) => {
    const run = await spawnNode(bin, { args: [...args, '--ban-service', address] });
    const code = await run.exited;
    return { code, output: run.output() };
  };
  const admin = (...args: string[]) => p2pctl(...args, '--api-key', ADMIN_KEY);

  beforeAll(async () => {
    banService = await startRealBanService('p2pctl', await requireKafka(), {
      grpc_admin_api_key: ADMIN_KEY,
    });
    address = banService.address;
    healthUrl = banService.httpUrl;
  }, 60_000);

  afterAll(async () => {
    await banService?.stop();
  });

  it('bans, lists, unbans and clears, with tables and JSON', async () => {
    expect(await admin('ban', '10.1.2.0/24', '--for', '2h', '--reason', 'spam')).toEqual({
      code: 0,
      output: expect.stringMatching(
        /^banned 10\.1\.2\.0\/24 until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
      ),
    });
    expect(
      (await admin('ban', PEER, '--until', String(Math.floor(Date.now() / 1000) + 3600))).code,
    ).toBe(0);

    const table = await p2pctl('bans');
    expect(table.code).toBe(0);
    expect(table.output).toMatch(/^TARGET +KIND +CREATED +UNTIL +REMAINING +SOURCE +REASON\n/);
    expect(table.output).toMatch(/10\.1\.2\.0\/24 +subnet .* (1h 5\dm|2h 00m) +manual +spam/);
    expect(table.output).toContain(`${PEER}  peer`);

    const json = JSON.parse((await p2pctl('bans', '--json')).output);
    expect(json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          target: '10.1.2.0/24',
          kind: 'subnet',
          source: 'manual',
          reason: 'spam',
        }),
      ]),
    );

    expect(await admin('unban', '10.1.2.5')).toEqual({
      code: 5,
      output: 'p2pctl: no ban on exactly 10.1.2.5 (p2pctl bans lists them)\n',
    });
    expect(await admin('unban', '10.1.2.0/24')).toEqual({
      code: 0,
      output: 'unbanned 10.1.2.0/24\n',
    });
    expect(await admin('clear-bans')).toEqual({ code: 0, output: 'removed 1 bans\n' });
    expect((await p2pctl('bans')).output).toBe('no active bans\n');
  }, 60_000);

  it('reads and adds score', async () => {
    const added = await admin('score', PEER, '--add', 'spam');
    expect(added.code).toBe(0);
    expect(added.output).toMatch(new RegExp(`^peer ${PEER}: score 50\\n.*\\+50  spam\\n$`));
    const read = await p2pctl('score', PEER, '--json');
    expect(JSON.parse(read.output)).toMatchObject({ peer_id: PEER, score: 50, banned: false });
  }, 30_000);

  it('answers bad arguments and a missing or wrong key with the matching exit code', async () => {
    const garbage = await admin('ban', '10.0.0.0/33');
    expect(garbage.code).toBe(2);
    expect(garbage.output).toMatch(/^p2pctl: ban-service: .*10\.0\.0\.0\/33/);
    expect(await p2pctl('ban', '10.0.0.1')).toMatchObject({
      code: 4,
      output: expect.stringContaining('missing API key'),
    });
    expect(await p2pctl('ban', '10.0.0.1', '--api-key', 'wrong')).toMatchObject({
      code: 4,
      output: expect.stringContaining('invalid API key'),
    });
    expect((await p2pctl('bans')).output).toBe('no active bans\n');
  }, 30_000);

  it('sends --until exactly as given, so the extremes of int64 get ban-service’s own answer', async () => {
    expect(await admin('ban', '10.0.0.1', '--until', '9223372036854775807')).toEqual({
      code: 2,
      output: 'p2pctl: ban-service: a ban may last at most 100 years\n',
    });
    expect(await admin('ban', '10.0.0.1', '--until=-9223372036854775808')).toEqual({
      code: 2,
      output:
        'p2pctl: ban-service: until=-9223372036854775808 is not a whole number of seconds ≥ 0\n',
    });
    expect(await admin('ban', '10.0.0.1', '--until', '9223372036854775808')).toEqual({
      code: 2,
      output:
        'p2pctl: --until "9223372036854775808" is neither Unix seconds (a 64-bit integer) nor a time such as 2030-01-31T12:00:00Z\n',
    });
    expect((await p2pctl('bans')).output).toBe('no active bans\n');
  }, 30_000);

  it('reports readiness of the service', async () => {
    const ready = await p2pctl('health', '--health', `ban-service=${healthUrl}`);
    expect(ready.code).toBe(0);
    expect(ready.output).toContain(`ban-service  ${healthUrl}  ready`);
  });
});
