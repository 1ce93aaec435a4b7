import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import pino from 'pino';
import { Registry } from 'prom-client';
import { BanState } from './ban-state.js';
import { PostgresChangeFeed } from './postgres-change-feed.js';

const change = (id: string) => ({ id, event: p2p_events.BanEvent.fromPartial({}) });

// Never started: no notification ever arrives, as when the listener's connection is lost.
function feedWhoseReload(load: () => Promise<[]>): PostgresChangeFeed {
  return new PostgresChangeFeed({
    url: 'postgres://unused',
    state: new BanState(new Registry()),
    load,
    logger: pino({ level: 'silent' }),
  });
}

describe('PostgresChangeFeed', () => {
  it('lets go of the changes it waited for when their notification is lost and the reload fails', async () => {
    const feed = feedWhoseReload(() => Promise.reject(new Error('database unreachable')));
    const waiting = feed.applied([change('1'), change('2')]);
    expect(feed.waiting).toBe(2);
    await expect(waiting).rejects.toThrow('database unreachable');
    expect(feed.waiting).toBe(0);
  }, 10_000);

  it('reads the tables instead when a notification is late, and a change applied once is not waited for again', async () => {
    let loads = 0;
    const feed = feedWhoseReload(async () => {
      loads++;
      return [];
    });
    await feed.applied([change('7')]);
    expect([loads, feed.waiting]).toEqual([1, 0]);
    await feed.applied([change('7')]);
    expect(loads).toBe(1);
  }, 10_000);
});
