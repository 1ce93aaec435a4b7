import { describe, expect, it } from '@jest/globals';
import { multiaddr } from '@multiformats/multiaddr';
import { p2p_events } from '@teranode-p2p/contracts';
import { BanGate } from './ban-gate.js';

const { BanAction, BanKind } = p2p_events;
const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const event = (e: Partial<p2p_events.BanEvent>) =>
  p2p_events.BanEvent.fromPartial({ until: '4000000000', ...e });

describe('BanGate', () => {
  it('bans a subnet for every address in it, and only there', () => {
    const gate = new BanGate(10);
    expect(
      gate.apply(
        event({
          action: BanAction.BAN_ACTION_ADDED,
          kind: BanKind.BAN_KIND_SUBNET,
          value: '10.1.0.0/16',
        }),
      ),
    ).toMatchObject({ applied: 'added' });
    expect(gate.isAddressBanned(multiaddr('/ip4/10.1.200.3/tcp/1'))).toBe(true);
    expect(gate.isAddressBanned(multiaddr('/ip4/10.2.0.1/tcp/1'))).toBe(false);
    expect(gate.isAddressBanned(multiaddr('/dns4/example.com/tcp/1'))).toBe(false);
  });

  it('applies removals, expiries and clears by kind', () => {
    const gate = new BanGate(10);
    gate.apply(
      event({ action: BanAction.BAN_ACTION_ADDED, kind: BanKind.BAN_KIND_PEER, value: PEER }),
    );
    gate.apply(
      event({ action: BanAction.BAN_ACTION_ADDED, kind: BanKind.BAN_KIND_IP, value: '1.2.3.4/32' }),
    );
    expect(gate.isPeerBanned(PEER)).toBe(true);
    gate.apply(event({ action: BanAction.BAN_ACTION_CLEARED, kind: BanKind.BAN_KIND_PEER }));
    expect(gate.isPeerBanned(PEER)).toBe(false);
    expect(gate.isAddressBanned(multiaddr('/ip4/1.2.3.4/tcp/1'))).toBe(true);
    gate.apply(
      event({
        action: BanAction.BAN_ACTION_EXPIRED,
        kind: BanKind.BAN_KIND_IP,
        value: '1.2.3.4/32',
      }),
    );
    expect(gate.isAddressBanned(multiaddr('/ip4/1.2.3.4/tcp/1'))).toBe(false);
  });

  it('never reports an expired ban, and ignores a ban without an end (until=0) as malformed', () => {
    const gate = new BanGate(10);
    const added = (until: string) =>
      gate.apply(
        event({
          action: BanAction.BAN_ACTION_ADDED,
          kind: BanKind.BAN_KIND_PEER,
          value: PEER,
          until,
        }),
      );
    expect(added('1')).toMatchObject({ applied: 'added' });
    expect(gate.isPeerBanned(PEER)).toBe(false);
    expect(added('0')).toMatchObject({ applied: false, why: 'malformed' });
    expect(gate.isPeerBanned(PEER)).toBe(false);
  });

  it('stays within its bound and refuses values that are not CIDRs', () => {
    const gate = new BanGate(1);
    const added = (value: string) =>
      gate.apply(event({ action: BanAction.BAN_ACTION_ADDED, kind: BanKind.BAN_KIND_IP, value }));
    expect(added('1.1.1.1/32')).toMatchObject({ applied: 'added' });
    expect(added('2.2.2.2/32')).toMatchObject({ applied: false, why: 'full' });
    expect(gate.bans.size).toBe(1);
    expect(added('nope')).toMatchObject({ applied: false, why: 'malformed' });
  });
});
