import { describe, expect, it } from '@jest/globals';
import { addressEntryToMultiaddr, formatAddressEntry, parseAddressEntry } from './address-entry.js';

/** Entries as the legacy TestBuildAdvertiseMultiAddrs used them (reference-wire.md §9.13), port 4001. */
describe('advertise address entries', () => {
  it.each([
    ['192.168.1.1', '/ip4/192.168.1.1/tcp/4001'],
    ['192.168.1.1:5001', '/ip4/192.168.1.1/tcp/5001'],
    ['example.com', '/dns4/example.com/tcp/4001'],
    ['test.local:8080', '/dns4/test.local/tcp/8080'],
    ['::1', '/ip6/::1/tcp/4001'],
    ['[2001:db8::1]:9905', '/ip6/2001:db8::1/tcp/9905'],
    ['/dns/node.example.com/tcp/9905', '/dns/node.example.com/tcp/9905'],
    ['/ip4/203.0.113.1/tcp/9905', '/ip4/203.0.113.1/tcp/9905'],
  ])('%s → %s', (text, multiaddr) => {
    const entry = parseAddressEntry(text, 'advertise');
    expect(entry).toBeDefined();
    expect(addressEntryToMultiaddr(entry!, 4001)).toBe(multiaddr);
    expect(parseAddressEntry(formatAddressEntry(entry!), 'advertise')).toEqual(entry);
  });

  it.each([
    ['invalid:port:format', 'two colons'],
    ['256.256.256.256', 'not an IP and not a host name (legacy made it a dns4 name)'],
    ['0.0.0.0', 'the any-address'],
    ['[::]:9905', 'the IPv6 any-address'],
    ['example.com:0', 'port 0'],
    ['/ip4/1.2.3.4/tcp/9905/p2p/12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG', 'peer ID'],
  ])('rejects %j (%s)', (text) => {
    expect(parseAddressEntry(text, 'advertise')).toBeUndefined();
  });
});

describe('listen address entries', () => {
  it.each([
    ['0.0.0.0', '/ip4/0.0.0.0/tcp/9905'],
    ['127.0.0.1:19905', '/ip4/127.0.0.1/tcp/19905'],
    ['::', '/ip6/::/tcp/9905'],
    ['[::]:0', '/ip6/::/tcp/0'],
    ['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0'],
  ])('%s → %s', (text, multiaddr) => {
    expect(addressEntryToMultiaddr(parseAddressEntry(text, 'listen')!, 9905)).toBe(multiaddr);
  });

  it.each(['example.com', 'localhost:9905', '/dns4/example.com/tcp/9905'])(
    'rejects host name %j (a socket binds to an IP)',
    (text) => {
      expect(parseAddressEntry(text, 'listen')).toBeUndefined();
    },
  );
});
