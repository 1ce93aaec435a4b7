import { describe, expect, it } from '@jest/globals';
import { parseDnsaddr, parseMultiaddr } from './multiaddr.js';
import { isPeerId } from './peer-id.js';

const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const RSA_PEER = 'QmaCpDMGvV2BGHeYERUEnRQAwe3N8SzbUtfsmvsqQLuvuJ';

describe('isPeerId', () => {
  it.each([
    PEER,
    '12D3KooWESmhNAN8s6NPdGNvJH3zJ4wMKDxapXKNUe2DzkAwKYqK',
    RSA_PEER,
    '16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY',
  ])('accepts %s', (id) => {
    expect(isPeerId(id)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ce', 'one character short'],
    ['12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceGG', 'one character long'],
    ['12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ce0', 'not base58 (0)'],
    ['QmaCpDMGvV2BGHeYERUEnRQAwe3N8SzbUtfsmvsqQLuvu', 'sha256 digest too short'],
    ['1111111111111111111111111111111111111111111111', 'zero bytes'],
  ])('rejects %j (%s)', (id) => {
    expect(isPeerId(id)).toBe(false);
  });
});

describe('parseMultiaddr', () => {
  it.each([
    ['/ip4/1.2.3.4/tcp/9905', 'ip4', '1.2.3.4', 9905, undefined],
    ['/ip6/::1/tcp/1', 'ip6', '::1', 1, undefined],
    ['/ip6/2001:db8::5/tcp/65535', 'ip6', '2001:db8::5', 65535, undefined],
    ['/dns4/host/tcp/1', 'dns4', 'host', 1, undefined],
    ['/dns6/node.example.com/tcp/9905', 'dns6', 'node.example.com', 9905, undefined],
    ['/dns/teranode_1/tcp/9905', 'dns', 'teranode_1', 9905, undefined],
    [
      `/dns4/teranode-bootstrap.bsvb.tech/tcp/9901/p2p/${PEER}`,
      'dns4',
      'teranode-bootstrap.bsvb.tech',
      9901,
      PEER,
    ],
    [`/ip4/104.131.131.82/tcp/4001/p2p/${RSA_PEER}`, 'ip4', '104.131.131.82', 4001, RSA_PEER],
  ])('parses %s', (text, hostProtocol, host, port, peerId) => {
    const parsed = parseMultiaddr(text, { peerId: 'optional' });
    expect(parsed).toEqual({ hostProtocol, host, port, peerId });
  });

  it.each([
    ['1.2.3.4:9905', 'not a multiaddr'],
    ['/ip4/1.2.3.4', 'no transport'],
    ['/ip4/1.2.3.4/tcp', 'no port'],
    ['/ip4/1.2.3.4/tcp/9905/', 'trailing slash'],
    ['/ip4/1.2.3.4/udp/9905', 'udp'],
    ['/ip4/1.2.3.4/tcp/9905/ws', 'extra protocol'],
    ['/ip4/256.1.1.1/tcp/9905', 'bad IPv4'],
    ['/ip4/::1/tcp/9905', 'IPv6 under ip4'],
    ['/ip6/1.2.3.4/tcp/9905', 'IPv4 under ip6'],
    ['/ip6/fe80::1%eth0/tcp/9905', 'IPv6 zone'],
    ['/dns4/bad..name/tcp/9905', 'empty DNS label'],
    ['/dns4/-bad.example/tcp/9905', 'label starts with -'],
    ['/dns4/256.1.1.1/tcp/9905', 'numeric top-level label'],
    ['/dnsaddr/bootstrap.libp2p.io/tcp/1', 'dnsaddr'],
    ['/ip4/1.2.3.4/tcp/65536', 'port too large'],
    ['/ip4/1.2.3.4/tcp/0', 'port 0'],
    ['/ip4/1.2.3.4/tcp/-1', 'negative port'],
    ['/ip4/1.2.3.4/tcp/99a', 'port with letters'],
    ['/ip4/1.2.3.4/tcp/9905/p2p/not-a-peer-id', 'bad peer ID'],
    ['/ip4/1.2.3.4/tcp/9905/ipfs/' + PEER, '/ipfs/ instead of /p2p/'],
    ['/IP4/1.2.3.4/tcp/9905', 'upper case protocol'],
  ])('rejects %j (%s)', (text) => {
    expect(parseMultiaddr(text, { peerId: 'optional' })).toBeUndefined();
  });

  it('enforces the peer ID rule', () => {
    const withId = `/ip4/1.2.3.4/tcp/9905/p2p/${PEER}`;
    expect(parseMultiaddr('/ip4/1.2.3.4/tcp/9905', { peerId: 'required' })).toBeUndefined();
    expect(parseMultiaddr(withId, { peerId: 'required' })?.peerId).toBe(PEER);
    expect(parseMultiaddr(withId, { peerId: 'forbidden' })).toBeUndefined();
  });

  it('admits port 0 only when allowed', () => {
    expect(
      parseMultiaddr('/ip4/0.0.0.0/tcp/0', { peerId: 'forbidden', allowPortZero: true })?.port,
    ).toBe(0);
  });
});

describe('parseDnsaddr', () => {
  it.each([
    [
      '/dnsaddr/mainnet.bootstrap.teranode.bsvb.tech',
      'mainnet.bootstrap.teranode.bsvb.tech',
      undefined,
    ],
    [`/dnsaddr/bootstrap.libp2p.io/p2p/${PEER}`, 'bootstrap.libp2p.io', PEER],
  ])('parses %s', (text, domain, peerId) => {
    expect(parseDnsaddr(text)).toEqual({ domain, peerId });
  });

  it.each([
    ['/dnsaddr/', 'no domain'],
    ['/dnsaddr/bootstrap.libp2p.io/', 'trailing slash'],
    ['/dnsaddr/bootstrap.libp2p.io/tcp/1', 'a port'],
    ['/dnsaddr/bootstrap.libp2p.io/p2p/not-a-peer-id', 'bad peer ID'],
    ['/dnsaddr/bad..name', 'empty DNS label'],
    ['/dns4/bootstrap.libp2p.io/tcp/1', 'another protocol'],
    ['dnsaddr/bootstrap.libp2p.io', 'no leading slash'],
  ])('rejects %j (%s)', (text) => {
    expect(parseDnsaddr(text)).toBeUndefined();
  });
});
