import { describe, expect, it } from '@jest/globals';
import { isBlacklistedBaseUrl } from './blacklist.js';
import { sealPayload } from './envelope.js';
import { validateGossip, type GossipValidationOptions } from './gossip-validation.js';
import { PeerRegistry } from './peer-registry.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const OPTIONS: GossipValidationOptions = {
  envelope: true,
  maxBytes: 1_048_576,
  blacklistedBaseUrls: [],
};
const HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const wrap = (json: string) => sealPayload(bytes(json), { envelope: true, name: 'teranode1' });

describe('validateGossip', () => {
  it('accepts a wrapped block and normalises its hash', () => {
    const verdict = validateGossip(
      'block',
      wrap(`{"Hash":"${HASH.toUpperCase()}","Height":1}`),
      OPTIONS,
    );
    expect(verdict).toMatchObject({
      verdict: 'accept',
      envelopeName: 'teranode1',
      gossip: { kind: 'block', hash: HASH, message: { height: 1 } },
    });
  });

  it('keys a rejected transaction by its txid and node status by nothing', () => {
    expect(validateGossip('rejectedTx', wrap(`{"TxID":"ab"}`), OPTIONS)).toMatchObject({
      gossip: { hash: '00000000000000000000000000000000000000000000000000000000000000ab' },
    });
    expect(validateGossip('nodeStatus', wrap('{"best_height":3}'), OPTIONS)).toMatchObject({
      verdict: 'accept',
      gossip: { kind: 'nodeStatus', hash: undefined },
    });
  });

  it.each([
    ['a raw payload when envelopes are on', bytes(`{"Hash":"${HASH}"}`), 'bad_envelope'],
    ['a hash that is not hex', wrap('{"Hash":"xyz"}'), 'bad_hash'],
    ['a hash longer than 64 digits', wrap(`{"Hash":"${HASH}00"}`), 'bad_hash'],
    ['a wrong type', wrap('{"Height":"1"}'), 'wrong_type'],
    ['an array payload', wrap('[]'), 'not_an_object'],
  ])('rejects %s', (_name, payload, reason) => {
    expect(validateGossip('block', payload, OPTIONS)).toMatchObject({ verdict: 'reject', reason });
  });

  it('rejects a payload over the limit', () => {
    const verdict = validateGossip('block', wrap(`{"Hash":"${HASH}"}`), {
      ...OPTIONS,
      maxBytes: 20,
    });
    expect(verdict).toMatchObject({ verdict: 'reject', reason: 'too_large' });
    const raw = validateGossip('block', bytes(`{"Hash":"${HASH}"}`), {
      ...OPTIONS,
      envelope: false,
      maxBytes: 20,
    });
    expect(raw).toMatchObject({ verdict: 'reject', reason: 'too_large' });
  });

  it('ignores subtrees from a blacklisted DataHub', () => {
    const verdict = validateGossip(
      'subtree',
      wrap(`{"Hash":"${HASH}","DataHubURL":"https://BAD.example:8090/api"}`),
      {
        ...OPTIONS,
        blacklistedBaseUrls: ['http://bad.example'],
      },
    );
    expect(verdict).toMatchObject({ verdict: 'ignore', reason: 'blacklisted_url' });
  });
});

describe('isBlacklistedBaseUrl', () => {
  it.each([
    ['https://a.example/x', ['http://A.example:1'], true],
    ['https://sub.a.example', ['https://a.example'], false],
    ['not a url', ['not a url'], true],
    ['not a url', ['https://not'], false],
    ['https://a.example', ['a.example'], false],
  ])('%s against %j → %s', (url, list, expected) => {
    expect(isBlacklistedBaseUrl(url, list)).toBe(expected);
  });
});

describe('PeerRegistry', () => {
  it('keeps at most maxPeers, evicting the peer heard from least recently', () => {
    const registry = new PeerRegistry(2);
    registry.update('a', { height: 1 });
    registry.update('b', { height: 2 });
    registry.update('a', { blockHash: 'x' });
    registry.update('c', { height: 3 });
    expect(registry.all().map((p) => p.peerId)).toEqual(['a', 'c']);
    expect(registry.get('a')).toMatchObject({ height: 1, blockHash: 'x' });
    expect(registry.evicted).toBe(1);
  });

  it('leaves fields alone when the update does not name them', () => {
    const registry = new PeerRegistry(5);
    registry.update('a', { height: 9, dataHubUrl: 'u' });
    registry.update('a', { height: undefined, lastMessageAt: 5 });
    expect(registry.get('a')).toMatchObject({ height: 9, dataHubUrl: 'u', lastMessageAt: 5 });
  });
});
