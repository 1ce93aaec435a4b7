import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { Registry } from 'prom-client';
import { BanState } from './ban-state.js';

const { BanAction, BanKind } = p2p_events;
const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const event = (e: Partial<p2p_events.BanEvent>) =>
  p2p_events.BanEvent.fromPartial({ until: '4000000000', at_ms: '1', ...e });

// A replica's copy follows the same rules as gossip-node's (libs/ban-rules applyBanEvent).
describe('BanState', () => {
  it('ignores a ban without an end (until=0) and does not pass it to WatchBans', () => {
    const state = new BanState(new Registry());
    const seen: p2p_events.BanEvent[] = [];
    state.changes.subscribe((e) => seen.push(e));
    state.apply(
      event({
        action: BanAction.BAN_ACTION_ADDED,
        kind: BanKind.BAN_KIND_PEER,
        value: PEER,
        until: '0',
      }),
    );
    expect(state.set.size).toBe(0);
    expect(seen).toEqual([]);
  });

  it('CLEARED without a kind clears every kind; with one, only that kind', () => {
    const state = new BanState(new Registry());
    const fill = () => {
      state.apply(
        event({ action: BanAction.BAN_ACTION_ADDED, kind: BanKind.BAN_KIND_PEER, value: PEER }),
      );
      state.apply(
        event({
          action: BanAction.BAN_ACTION_ADDED,
          kind: BanKind.BAN_KIND_IP,
          value: '1.2.3.4/32',
        }),
      );
    };
    fill();
    state.apply(event({ action: BanAction.BAN_ACTION_CLEARED, kind: BanKind.BAN_KIND_PEER }));
    expect([state.set.addressCount, state.set.peerCount]).toEqual([1, 0]);
    fill();
    state.apply(event({ action: BanAction.BAN_ACTION_CLEARED }));
    expect(state.set.size).toBe(0);
  });
});
