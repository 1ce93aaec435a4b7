import { describe, expect, it } from '@jest/globals';
import { MINUTE, peer, T0 } from '../test/support/peer-fixture.js';
import { updateMetrics } from './interaction-metrics.js';
import {
  MAX_BLOCK_HASH_LENGTH,
  MAX_DATA_HUB_URL_LENGTH,
  MAX_NETWORK_ADDRESS_LENGTH,
  MAX_STORAGE_LENGTH,
} from './field-limits.js';
import { registerPeer } from './peer-registration.js';
import { setConnectionState } from './peer-status.js';

describe('registerPeer (Register / RegisterPeer upsert)', () => {
  it('a new peer starts at reputation 50, with ConnectedAt, LastSeen and LastMessageTime now', () => {
    const record = registerPeer(
      undefined,
      {
        id: 'peer-1',
        transport: 'http',
        clientName: 'test-client',
        height: 100,
        dataHubUrl: 'http://peer1.example.com',
      },
      T0,
    );
    expect(record).toMatchObject({
      id: 'peer-1',
      transport: 'http',
      clientName: 'test-client',
      height: 100,
      dataHubUrl: 'http://peer1.example.com',
      reputationScore: 50,
      connectedAtMs: T0,
      lastSeenMs: T0,
      lastMessageTimeMs: T0,
      isConnected: false,
      interactionAttempts: 0,
    });
  });

  it('a new peer without a transport is http; an explicit one is kept', () => {
    expect(registerPeer(undefined, { id: 'a' }, T0).transport).toBe('http');
    expect(registerPeer(undefined, { id: 'a', transport: 'wire' }, T0).transport).toBe('wire');
  });

  it('an update overwrites height and DataHub URL with new non-empty values', () => {
    const first = registerPeer(undefined, { id: 'p', height: 10, dataHubUrl: 'http://old' }, T0);
    const second = registerPeer(first, { id: 'p', height: 20, dataHubUrl: 'http://new' }, T0 + 1);
    expect([second.height, second.dataHubUrl]).toEqual([20, 'http://new']);
  });

  it('an update leaves fields it has no news of: height 0, empty strings, no hash, no transport', () => {
    const first = registerPeer(
      undefined,
      {
        id: 'p',
        transport: 'wire',
        clientName: 'teranode',
        height: 10,
        blockHash: 'aa'.repeat(32),
        dataHubUrl: 'http://a',
        networkAddress: '10.0.0.1:8333',
        storage: 'full',
      },
      T0,
    );
    const second = registerPeer(
      first,
      { id: 'p', height: 0, clientName: '', dataHubUrl: '', networkAddress: '', storage: '' },
      T0 + MINUTE,
    );
    expect(second).toEqual({ ...first, lastSeenMs: T0 + MINUTE });
  });

  it('an update sets a new block hash, storage, network address and an explicit transport', () => {
    const first = registerPeer(undefined, { id: 'p' }, T0);
    const second = registerPeer(
      first,
      {
        id: 'p',
        transport: 'wire',
        blockHash: 'bb'.repeat(32),
        storage: 'pruned',
        networkAddress: '10.0.0.2:8333',
      },
      T0,
    );
    expect(second).toMatchObject({
      transport: 'wire',
      blockHash: 'bb'.repeat(32),
      storage: 'pruned',
      networkAddress: '10.0.0.2:8333',
    });
  });

  it('an update never resets IsConnected', () => {
    const connected = setConnectionState(registerPeer(undefined, { id: 'p' }, T0), true);
    expect(registerPeer(connected, { id: 'p', height: 100 }, T0).isConnected).toBe(true);
  });

  it('an update bumps LastSeen but not LastMessageTime or ConnectedAt', () => {
    const first = registerPeer(undefined, { id: 'p' }, T0);
    const second = registerPeer(first, { id: 'p' }, T0 + MINUTE);
    expect([second.lastSeenMs, second.lastMessageTimeMs, second.connectedAtMs]).toEqual([
      T0 + MINUTE,
      T0,
      T0,
    ]);
  });

  it('an update keeps the interaction history and reputation', () => {
    const scored = updateMetrics(peer('p'), { recordSuccess: true, responseTimeMs: 150 }, T0);
    const updated = registerPeer(scored, { id: 'p', height: 5 }, T0 + 1);
    expect([updated.reputationScore, updated.interactionSuccesses]).toEqual([100, 1]);
  });

  it('cleans the client name on create and on update', () => {
    const first = registerPeer(undefined, { id: 'p', clientName: '<b>node</b>' }, T0);
    expect(first.clientName).toBe('bnode/b');
    const second = registerPeer(first, { id: 'p', clientName: 'good name<bad>' }, T0);
    expect(second.clientName).toBe('good namebad');
    expect(
      registerPeer(undefined, { id: 'p', clientName: 'a'.repeat(500) }, T0).clientName,
    ).toHaveLength(128);
  });

  it('a client name that cleans to nothing does not erase the known one', () => {
    const first = registerPeer(undefined, { id: 'p', clientName: 'teranode/0.11' }, T0);
    expect(registerPeer(first, { id: 'p', clientName: '<>"' }, T0).clientName).toBe(
      'teranode/0.11',
    );
  });

  it('ban fields of a new entry come from the ban standing, never from the caller', () => {
    const clean = registerPeer(undefined, { id: 'p' }, T0);
    expect([clean.isBanned, clean.banScore]).toEqual([false, 0]);
    const banned = registerPeer(undefined, { id: 'p' }, T0, {
      score: 110,
      bannedUntilMs: T0 + MINUTE,
    });
    expect([banned.isBanned, banned.banScore, banned.banUntilMs]).toEqual([true, 110, T0 + MINUTE]);
    const scored = registerPeer(undefined, { id: 'p' }, T0, { score: 40, bannedUntilMs: null });
    expect([scored.isBanned, scored.banScore]).toEqual([false, 40]);
  });

  it('an update keeps the mirrored ban fields', () => {
    const banned = registerPeer(undefined, { id: 'p' }, T0, {
      score: 110,
      bannedUntilMs: T0 + MINUTE,
    });
    const updated = registerPeer(banned, { id: 'p', height: 7 }, T0, {
      score: 0,
      bannedUntilMs: null,
    });
    expect([updated.isBanned, updated.banScore]).toEqual([true, 110]);
  });
});

describe('registerPeer: texts over their limits', () => {
  const long = (length: number) => 'x'.repeat(length);

  it('a new peer takes none of them', () => {
    const record = registerPeer(
      undefined,
      {
        id: 'peer-1',
        dataHubUrl: `https://a.example/${long(MAX_DATA_HUB_URL_LENGTH)}`,
        blockHash: long(MAX_BLOCK_HASH_LENGTH + 1),
        networkAddress: long(MAX_NETWORK_ADDRESS_LENGTH + 1),
        storage: long(MAX_STORAGE_LENGTH + 1),
      },
      T0,
    );
    expect(record).toMatchObject({
      dataHubUrl: '',
      blockHash: undefined,
      networkAddress: '',
      storage: '',
    });
  });

  it('a known peer keeps what it had; texts at the limit are taken', () => {
    const known = peer('peer-1', { dataHubUrl: 'https://ok.example', blockHash: 'ab'.repeat(32) });
    const atLimit = `https://a.example/`.padEnd(MAX_DATA_HUB_URL_LENGTH, 'u');
    expect(
      registerPeer(known, { id: known.id, dataHubUrl: `${atLimit}u`, blockHash: long(65) }, T0),
    ).toMatchObject({ dataHubUrl: 'https://ok.example', blockHash: 'ab'.repeat(32) });
    expect(registerPeer(known, { id: known.id, dataHubUrl: atLimit }, T0).dataHubUrl).toBe(atLimit);
  });
});
