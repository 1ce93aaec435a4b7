import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  adminMetadata,
  BAN,
  call,
  PEERS,
  startBanService,
  type BanServiceProcess,
} from './support/ban-service-process.js';

// DATABASE_URL and KAFKA_BROKERS unset: the embedded PGlite database under data_dir and the
// in-process bus (design.md §7). One replica by construction; changes apply after commit.
describe('embedded database, no Kafka', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ban-service-embedded-'));
  let svc: BanServiceProcess | undefined;

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('bans, answers, and keeps the ban across kill -9 and restart', async () => {
    svc = await startBanService({ data_dir: dataDir });
    await call(
      svc.ban,
      BAN.ban,
      { target: '10.50.0.0/16', duration_seconds: '3600', until: '0', reason: 'embedded' },
      adminMetadata(),
    );
    expect(await call(svc.peers, PEERS.isBanned, { ipOrSubnet: '10.50.1.2' })).toEqual({
      isBanned: true,
    });
    await svc.stop('SIGKILL');
    svc = await startBanService({ data_dir: dataDir });
    expect(await call(svc.peers, PEERS.listBanned, {})).toEqual({ banned: ['10.50.0.0/16'] });
    const health = await fetch(`${svc.httpUrl}/health/readiness`);
    expect(health.status).toBe(200);
  }, 60_000);
});
