import { describe, expect, it } from '@jest/globals';
import { loadSettings } from './load-settings.js';
import { advertiseMultiaddrs, listenMultiaddrs } from './p2p-addresses.js';

function p2p(env: Record<string, string>) {
  return loadSettings({
    env,
    only: ['p2p_port', 'p2p_listen_addresses', 'p2p_advertise_addresses'],
  });
}

describe('listenMultiaddrs', () => {
  it('listens on every IPv4 and IPv6 interface on p2p_port by default', () => {
    expect(listenMultiaddrs(p2p({ p2p_port: '9905' }))).toEqual([
      '/ip4/0.0.0.0/tcp/9905',
      '/ip6/::/tcp/9905',
    ]);
  });

  it('uses the entries, with p2p_port where they name no port', () => {
    expect(
      listenMultiaddrs(
        p2p({ p2p_port: '9100', p2p_listen_addresses: '127.0.0.1|[::1]:9200|/ip4/10.0.0.5/tcp/0' }),
      ),
    ).toEqual(['/ip4/127.0.0.1/tcp/9100', '/ip6/::1/tcp/9200', '/ip4/10.0.0.5/tcp/0']);
  });
});

describe('advertiseMultiaddrs', () => {
  it('is empty by default (announce what libp2p detects)', () => {
    expect(advertiseMultiaddrs(p2p({}))).toEqual([]);
  });

  it('turns host names into /dns4/ and fills in p2p_port', () => {
    expect(
      advertiseMultiaddrs(
        p2p({
          p2p_advertise_addresses:
            'node1.example.com, 203.0.113.1:19905, /dns6/node1.example.com/tcp/9905',
        }),
      ),
    ).toEqual([
      '/dns4/node1.example.com/tcp/9905',
      '/ip4/203.0.113.1/tcp/19905',
      '/dns6/node1.example.com/tcp/9905',
    ]);
  });
});
