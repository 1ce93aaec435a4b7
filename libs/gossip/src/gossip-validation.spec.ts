import { describe, expect, it } from '@jest/globals';
import { isBlacklistedBaseUrl } from './blacklist.js';
import { sealPayload } from './envelope.js';
import {
  GOSSIP_SIZE_LIMITS,
  validateGossip,
  type GossipKind,
  type GossipValidationOptions,
} from './gossip-validation.js';
import { PeerRegistry } from './peer-registry.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const OPTIONS: GossipValidationOptions = {
  envelope: true,
  maxBytes: 1_048_576,
  blacklistedBaseUrls: [],
};
const HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const AUTHOR = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const OTHER = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';
const HUB = 'https://hub.example/api/v1';
const wrap = (json: string) => sealPayload(bytes(json), { envelope: true, name: 'teranode1' });
/** A block as Teranode sends it, with `fields` merged in. */
const block = (fields: object = {}) =>
  JSON.stringify({ Hash: HASH, Height: 1, DataHubURL: HUB, PeerID: AUTHOR, ...fields });

describe('validateGossip', () => {
  it('accepts a wrapped block and normalises its hash', () => {
    const verdict = validateGossip('block', wrap(block({ Hash: HASH.toUpperCase() })), OPTIONS);
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
    ['a hash that is not hex', wrap(block({ Hash: 'xyz' })), 'bad_hash'],
    ['a hash longer than 64 digits', wrap(block({ Hash: `${HASH}00` })), 'bad_hash'],
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

/** Teranode's payload of each authored kind, by its author, announcing HUB. */
const FIELDS: Record<'block' | 'subtree' | 'nodeStatus' | 'rejectedTx', object> = {
  block: { Hash: HASH, Height: 1, DataHubURL: HUB, PeerID: AUTHOR },
  subtree: { Hash: HASH, DataHubURL: HUB, PeerID: AUTHOR },
  nodeStatus: { type: 'node_status', peer_id: AUTHOR, base_url: HUB, best_height: 1 },
  rejectedTx: { TxID: HASH, Reason: 'bad', PeerID: AUTHOR },
};
const AUTHORED = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

/** `fields` as JSON of exactly `size` bytes, padded by a key Teranode does not read. */
function jsonOfSize(fields: object, size: number): string {
  const bare = JSON.stringify({ ...fields, Padding: '' });
  const json = JSON.stringify({ ...fields, Padding: 'x'.repeat(size - bare.length) });
  expect(json).toHaveLength(size);
  return json;
}

describe('validateGossip per-topic size limits (Teranode Server.go)', () => {
  it('are 32 KiB for block and subtree, 64 KiB for node_status, 16 KiB for rejected_tx', () => {
    expect(GOSSIP_SIZE_LIMITS).toEqual({
      block: 32_768,
      subtree: 32_768,
      nodeStatus: 65_536,
      rejectedTx: 16_384,
    });
  });

  it.each(AUTHORED)(
    '%s: a payload of exactly the limit passes, one byte more is refused',
    (kind) => {
      const limit = GOSSIP_SIZE_LIMITS[kind]!;
      for (const envelope of [true, false]) {
        const seal = (json: string) => sealPayload(bytes(json), { envelope, name: 'teranode1' });
        const options = { ...OPTIONS, envelope };
        const atLimit = seal(jsonOfSize(FIELDS[kind], limit));
        // the envelope's own bytes (base64, name) do not count, as Teranode measures the data
        if (envelope) expect(atLimit.length).toBeGreaterThan(limit);
        expect(validateGossip(kind, atLimit, options, AUTHOR)).toMatchObject({
          verdict: 'accept',
        });
        expect(
          validateGossip(kind, seal(jsonOfSize(FIELDS[kind], limit + 1)), options, AUTHOR),
        ).toMatchObject({
          verdict: 'reject',
          reason: 'too_large',
          detail: `payload of ${limit + 1} bytes exceeds the limit of ${limit}`,
        });
      }
    },
  );

  it.each(AUTHORED)('%s: an oversized payload is refused before it is parsed', (kind) => {
    const limit = GOSSIP_SIZE_LIMITS[kind]!;
    const notJson = wrap('{'.repeat(limit + 1));
    expect(validateGossip(kind, notJson, OPTIONS, AUTHOR)).toMatchObject({
      reason: 'too_large',
    });
    expect(validateGossip(kind, wrap('{'.repeat(limit)), OPTIONS, AUTHOR)).toMatchObject({
      reason: 'invalid_json',
    });
  });

  it('keeps p2p_max_message_size where it is the smaller limit', () => {
    expect(
      validateGossip('block', wrap(jsonOfSize(FIELDS.block, 1001)), {
        ...OPTIONS,
        maxBytes: 1000,
      }),
    ).toMatchObject({ reason: 'too_large', detail: expect.stringContaining('limit of 1000') });
  });

  it('leaves the legacy mining-on and handshake topics at p2p_max_message_size', () => {
    const miningOn = jsonOfSize(
      { Hash: HASH, PeerID: OTHER, DataHubURL: 'http://127.0.0.1' },
      100_000,
    );
    expect(validateGossip('miningOn', wrap(miningOn), OPTIONS, AUTHOR)).toMatchObject({
      verdict: 'accept',
    });
    const handshake = jsonOfSize({ type: 'version', peerID: OTHER }, 100_000);
    expect(validateGossip('handshake', wrap(handshake), OPTIONS, AUTHOR)).toMatchObject({
      verdict: 'accept',
    });
  });
});

describe('validateGossip author check (Teranode: peer ID spoofing)', () => {
  it.each(AUTHORED)('%s: accepted from the peer it names', (kind) => {
    expect(validateGossip(kind, wrap(JSON.stringify(FIELDS[kind])), OPTIONS, AUTHOR)).toMatchObject(
      { verdict: 'accept' },
    );
  });

  it.each(AUTHORED)('%s: refused when it names another peer, or none', (kind) => {
    const key = kind === 'nodeStatus' ? 'peer_id' : 'PeerID';
    for (const claimed of [OTHER, '', AUTHOR.toLowerCase()]) {
      const payload = wrap(JSON.stringify({ ...FIELDS[kind], [key]: claimed }));
      expect(validateGossip(kind, payload, OPTIONS, AUTHOR)).toMatchObject({
        verdict: 'reject',
        reason: 'peer_id_mismatch',
        detail: expect.stringContaining(`signed by ${AUTHOR}`),
      });
    }
  });

  it('is not made without an author (a payload not received from a peer)', () => {
    const payload = wrap(JSON.stringify({ ...FIELDS.block, PeerID: OTHER }));
    expect(validateGossip('block', payload, OPTIONS)).toMatchObject({ verdict: 'accept' });
  });

  it('comes before the URL check, and the URL check before the hash (Teranode order)', () => {
    const spoofed = { ...FIELDS.block, PeerID: OTHER, DataHubURL: 'http://127.0.0.1', Hash: 'zz' };
    expect(validateGossip('block', wrap(JSON.stringify(spoofed)), OPTIONS, AUTHOR)).toMatchObject({
      reason: 'peer_id_mismatch',
    });
    const local = { ...FIELDS.block, DataHubURL: 'http://127.0.0.1', Hash: 'zz' };
    expect(validateGossip('block', wrap(JSON.stringify(local)), OPTIONS, AUTHOR)).toMatchObject({
      reason: 'private_url',
    });
  });
});

describe('validateGossip DataHub and base URLs', () => {
  const withUrl = (kind: GossipKind, url: string) => {
    const key = kind === 'nodeStatus' ? 'base_url' : 'DataHubURL';
    return wrap(JSON.stringify({ ...FIELDS[kind as keyof typeof FIELDS], [key]: url }));
  };

  it.each([
    ['block', 'http://127.0.0.1:8090/api/v1', 'private_url'],
    ['subtree', 'http://[fd00::1]/', 'private_url'],
    ['nodeStatus', 'http://localhost:8090', 'private_url'],
    ['block', 'ftp://hub.example/', 'bad_url'],
    ['block', '', 'bad_url'],
    ['subtree', '', 'bad_url'],
  ] as const)('%s with %j: %s', (kind, url, reason) => {
    expect(validateGossip(kind, withUrl(kind, url), OPTIONS, AUTHOR)).toMatchObject({
      verdict: 'reject',
      reason,
    });
  });

  it('accepts a node_status without base_url (listen-only nodes send none)', () => {
    expect(validateGossip('nodeStatus', withUrl('nodeStatus', ''), OPTIONS, AUTHOR)).toMatchObject({
      verdict: 'accept',
    });
  });

  it('accepts internal addresses with p2p_allow_private_ips, but still wants http(s)', () => {
    const allow = { ...OPTIONS, allowPrivateIps: true };
    for (const kind of ['block', 'subtree', 'nodeStatus'] as const)
      expect(
        validateGossip(kind, withUrl(kind, 'http://127.0.0.1:18090/api/v1'), allow, AUTHOR),
      ).toMatchObject({ verdict: 'accept' });
    expect(
      validateGossip('block', withUrl('block', 'ftp://127.0.0.1'), allow, AUTHOR),
    ).toMatchObject({ reason: 'bad_url' });
  });

  it('checks an internal URL before the subtree blacklist', () => {
    const verdict = validateGossip(
      'subtree',
      withUrl('subtree', 'http://10.0.0.1/'),
      {
        ...OPTIONS,
        blacklistedBaseUrls: ['http://10.0.0.1'],
      },
      AUTHOR,
    );
    expect(verdict).toMatchObject({ verdict: 'reject', reason: 'private_url' });
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
