import { EventEmitter } from 'node:events';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { banEvent } from '@teranode-p2p/ban-rules';
import { p2p_events } from '@teranode-p2p/contracts';
import { createJsonLogger } from '@teranode-p2p/service-runtime';
import { Registry } from 'prom-client';
import type { BanCommands } from '../bans/ban-commands.js';
import { BanState } from '../state/ban-state.js';
import { BanServiceController } from './ban-service.controller.js';

function added(i: number): p2p_events.BanEvent {
  const value = `10.0.${i >> 8}.${i & 255}/32`;
  return banEvent(
    p2p_events.BanAction.BAN_ACTION_ADDED,
    { kind: 'ip', value, createdAtMs: 0, expiresAtMs: 3_600_000, reason: '', source: 'manual' },
    0,
  );
}

describe('WatchBans', () => {
  const setup = () => {
    const state = new BanState(new Registry());
    const controller = new BanServiceController(
      {} as BanCommands,
      state,
      createJsonLogger('test', 'silent'),
    );
    const call = Object.assign(new EventEmitter(), { writableNeedDrain: false });
    const stream = call as unknown as ServerWritableStream<unknown, unknown>;
    return { state, controller, call, stream };
  };

  it('streams every applied change and counts its watchers', () => {
    const { state, controller, stream } = setup();
    const seen: string[] = [];
    const subscription = controller.watchBans({}, {}, stream).subscribe((e) => seen.push(e.value));
    expect(controller.watcherCount).toBe(1);
    state.apply(added(1));
    state.apply(added(2));
    expect(seen).toEqual(['10.0.0.1/32', '10.0.0.2/32']);
    subscription.unsubscribe();
    expect(controller.watcherCount).toBe(0);
  });

  it('ends a stream whose client stops reading once 1,000 events wait, not before; drain resets', () => {
    const { state, controller, call, stream } = setup();
    let delivered = 0;
    let failure: { error?: { code: number; message: string } } | undefined;
    controller.watchBans({}, {}, stream).subscribe({
      next: () => delivered++,
      error: (error: { getError(): { code: number; message: string } }) =>
        (failure = { error: error.getError() }),
    });
    call.writableNeedDrain = true;
    for (let i = 0; i < 1000; i++) state.apply(added(i));
    expect(failure).toBeUndefined();
    call.emit('drain');
    for (let i = 1000; i < 2000; i++) state.apply(added(i));
    expect(failure).toBeUndefined();
    state.apply(added(2000));
    expect(failure?.error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(failure?.error?.message).toContain('fell more than 1000 events behind');
    expect(delivered).toBe(2000);
    expect(controller.watcherCount).toBe(0);
  });
});
