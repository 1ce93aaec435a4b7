import { describe, expect, it } from '@jest/globals';
import {
  MAX_DNSADDR_ADDRESSES,
  MAX_DNSADDR_DEPTH,
  MAX_DNSADDR_NAMES,
  resolveBootstrapEntry,
  type TxtLookup,
} from './dnsaddr-resolver.js';

const A = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const B = '12D3KooWMQira6uh4rptNzMPdCVHjhXmWBmHaD3B6ELF3MUQZRd9';
const at = (port: number, peer: string) => `/ip4/10.0.0.1/tcp/${port}/p2p/${peer}`;

function lookupFrom(records: Record<string, string[]>): TxtLookup {
  return async (name) => {
    const found = records[name];
    if (found === undefined) throw new Error(`queryTxt ENOTFOUND ${name}`);
    return found;
  };
}

describe('resolveBootstrapEntry', () => {
  it('gives a multiaddr entry back as it is, without a lookup', async () => {
    const lookup = lookupFrom({});
    expect(await resolveBootstrapEntry(at(9905, A), lookup)).toEqual({
      addresses: [at(9905, A)],
      skipped: [],
    });
  });

  it('lists the dnsaddr= records, nested names included, once each and in order', async () => {
    const lookup = lookupFrom({
      '_dnsaddr.boot.test': [
        `dnsaddr=${at(1, A)}`,
        'some other record',
        'dnsaddr=/dnsaddr/more.boot.test',
        `dnsaddr=${at(1, A)}`,
        'dnsaddr=/dnsaddr/boot.test',
      ],
      '_dnsaddr.more.boot.test': [`dnsaddr=${at(2, B)}`],
    });
    expect(await resolveBootstrapEntry('/dnsaddr/boot.test', lookup)).toEqual({
      addresses: [at(1, A), at(2, B)],
      skipped: [],
    });
  });

  it('keeps only the peer an entry names by ID (by its /p2p/ part, not a substring)', async () => {
    const lookup = lookupFrom({
      '_dnsaddr.boot.test': [
        `dnsaddr=${at(1, A)}`,
        `dnsaddr=/dns4/${B}.example/tcp/1/p2p/${A}`,
        `dnsaddr=${at(2, B)}`,
        `dnsaddr=/dnsaddr/b.boot.test/p2p/${B}`,
        `dnsaddr=/dnsaddr/a.boot.test/p2p/${A}`,
      ],
      '_dnsaddr.b.boot.test': [`dnsaddr=${at(3, B)}`],
    });
    expect(await resolveBootstrapEntry(`/dnsaddr/boot.test/p2p/${B}`, lookup)).toEqual({
      addresses: [at(2, B), at(3, B)],
      skipped: [],
    });
  });

  it('skips records that are no multiaddr or name no peer, and a nested name that fails', async () => {
    const lookup = lookupFrom({
      '_dnsaddr.boot.test': [
        'dnsaddr=not a multiaddr',
        'dnsaddr=/ip4/10.0.0.1/tcp/9905',
        'dnsaddr=/dnsaddr/gone.test',
        `dnsaddr=${at(1, A)}`,
      ],
    });
    const { addresses, skipped } = await resolveBootstrapEntry('/dnsaddr/boot.test', lookup);
    expect(addresses).toEqual([at(1, A)]);
    expect(skipped).toEqual([
      '"dnsaddr=not a multiaddr": String multiaddr must start with "/"',
      '/ip4/10.0.0.1/tcp/9905: no /p2p/ peer ID',
      '_dnsaddr.gone.test: queryTxt ENOTFOUND _dnsaddr.gone.test',
    ]);
  });

  it("throws when the entry's own name has no records", async () => {
    await expect(resolveBootstrapEntry('/dnsaddr/gone.test', lookupFrom({}))).rejects.toThrow(
      'no TXT records for _dnsaddr.gone.test: queryTxt ENOTFOUND _dnsaddr.gone.test',
    );
  });

  it(`follows names at most ${MAX_DNSADDR_DEPTH} deep`, async () => {
    const records: Record<string, string[]> = {};
    for (let depth = 0; depth < 10; depth++)
      records[`_dnsaddr.n${depth}.test`] = [
        `dnsaddr=${at(depth + 1, A)}`,
        `dnsaddr=/dnsaddr/n${depth + 1}.test`,
      ];
    const { addresses, skipped } = await resolveBootstrapEntry(
      '/dnsaddr/n0.test',
      lookupFrom(records),
    );
    expect(addresses).toHaveLength(MAX_DNSADDR_DEPTH);
    expect(skipped).toEqual([`/dnsaddr/n${MAX_DNSADDR_DEPTH}.test: nested deeper than 4 names`]);
  });

  it(`looks up at most ${MAX_DNSADDR_NAMES} names for one entry`, async () => {
    const asked: string[] = [];
    const nested = Array.from({ length: 100 }, (_, i) => `dnsaddr=/dnsaddr/n${i}.test`);
    const lookup: TxtLookup = async (name) => {
      asked.push(name);
      if (name === '_dnsaddr.boot.test') return nested;
      throw new Error(`queryTxt ETIMEOUT ${name}`);
    };
    const { skipped } = await resolveBootstrapEntry('/dnsaddr/boot.test', lookup);
    expect(asked).toHaveLength(MAX_DNSADDR_NAMES);
    // Each of the 100 nested names is skipped: 15 timed out, the other 85 were not asked.
    expect(skipped).toHaveLength(100);
    expect(skipped[0]).toBe('_dnsaddr.n0.test: queryTxt ETIMEOUT _dnsaddr.n0.test');
    expect(skipped.at(-1)).toBe(
      `/dnsaddr/n99.test: more than ${MAX_DNSADDR_NAMES} names to look up`,
    );
  });

  it(`gives at most ${MAX_DNSADDR_ADDRESSES} addresses`, async () => {
    const many = Array.from({ length: 200 }, (_, i) => `dnsaddr=${at(i + 1, A)}`);
    const { addresses, skipped } = await resolveBootstrapEntry(
      '/dnsaddr/boot.test',
      lookupFrom({ '_dnsaddr.boot.test': many }),
    );
    expect(addresses).toHaveLength(MAX_DNSADDR_ADDRESSES);
    expect(skipped).toEqual([`_dnsaddr.boot.test: more than ${MAX_DNSADDR_ADDRESSES} addresses`]);
  });
});
