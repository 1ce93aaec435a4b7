import { describe, expect, it } from '@jest/globals';
import { BanTargetError, parseAddressTarget, parseBanTarget, parsePeerId } from './ban-address.js';

const PEER = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';

describe('parseAddressTarget: canonical CIDR', () => {
  it.each([
    ['127.0.0.1', 'ip', '127.0.0.1/32'],
    ['127.0.0.0:1234', 'ip', '127.0.0.0/32'],
    ['127.0.0.0/24', 'subnet', '127.0.0.0/24'],
    ['10.0.0.5/24', 'subnet', '10.0.0.0/24'],
    ['0.0.0.0/0', 'subnet', '0.0.0.0/0'],
    ['1.2.3.4/32', 'ip', '1.2.3.4/32'],
    ['2001:db8::1', 'ip', '2001:db8::1/128'],
    ['[2001:db8::1]:8333', 'ip', '2001:db8::1/128'],
    ['[2001:DB8::1]', 'ip', '2001:db8::1/128'],
    ['2001:db8::/32', 'subnet', '2001:db8::/32'],
    ['2001:db8:ffff::/32', 'subnet', '2001:db8::/32'],
    ['2406:da18:1f7:353a:b079:da22:c7d5:e166', 'ip', '2406:da18:1f7:353a:b079:da22:c7d5:e166/128'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 'ip', '2001:db8::1/128'],
    ['2001:db8:0:1:0:0:0:1', 'ip', '2001:db8:0:1::1/128'],
    ['1:0:0:2:0:0:0:3', 'ip', '1:0:0:2::3/128'],
    ['1:2:3:4:5:6:7:8', 'ip', '1:2:3:4:5:6:7:8/128'],
    ['::', 'ip', '::/128'],
    ['::1', 'ip', '::1/128'],
    ['::/0', 'subnet', '::/0'],
    ['::ffff:1.2.3.4', 'ip', '1.2.3.4/32'],
    ['[::ffff:1.2.3.4]:8333', 'ip', '1.2.3.4/32'],
    ['::ffff:102:304', 'ip', '1.2.3.4/32'],
    ['::ffff:1.2.3.0/120', 'subnet', '1.2.3.0/24'],
    ['::ffff:0:0/96', 'subnet', '0.0.0.0/0'],
    ['64:ff9b::1.2.3.4', 'ip', '64:ff9b::102:304/128'],
  ])('%s → %s %s', (text, kind, value) => {
    const target = parseAddressTarget(text);
    expect([target.kind, target.value]).toEqual([kind, value]);
  });

  it.each([
    ['', 'it is empty'],
    ['invalid', 'not an IP address'],
    ['10.0.0.0/33', 'prefix length 33 is longer than 32'],
    ['2001:db8::/129', 'prefix length 129 is longer than 128'],
    ['10.0.0.0/', 'bad prefix length'],
    ['10.0.0.0/-1', 'bad prefix length'],
    ['10.0.0.0/08', 'bad prefix length'],
    ['10.0.0.0/8/8', 'bad prefix length'],
    ['1.2.3.4:8333/24', 'not an IP address'],
    ['256.1.1.1', 'not an IP address'],
    ['1.2.3', 'not an IP address'],
    ['1.2.3.4.5', 'not an IP address'],
    ['01.2.3.4', 'not an IP address'],
    [' 1.2.3.4', 'not an IP address'],
    ['1.2.3.4 ', 'not an IP address'],
    ['1.2.3.4:', 'bad port'],
    ['1.2.3.4:65536', 'bad port'],
    ['1.2.3.4:-1', 'bad port'],
    ['[2001:db8::1]:x', 'bad port'],
    ['[2001:db8::1', 'missing ]'],
    ['[1.2.3.4]:80', 'not an IPv6 address'],
    ['2001:db8:::1', 'not an IP address'],
    ['1::2::3', 'not an IP address'],
    ['1:2:3:4:5:6:7:8:9', 'not an IP address'],
    ['12345::1', 'not an IP address'],
    ['fe80::1%eth0', 'not an IP address'],
    ['::ffff:1.2.3.256', 'not an IP address'],
    ['１.２.３.４', 'not an IP address'],
    ['x'.repeat(10_000), 'too long'],
  ])('%j is refused (%s)', (text, why) => {
    expect(() => parseAddressTarget(text)).toThrow(BanTargetError);
    expect(() => parseAddressTarget(text)).toThrow(why);
  });

  it('names the offending text, cut when long', () => {
    expect(() => parseAddressTarget('10.0.0.0/33')).toThrow(
      '"10.0.0.0/33" is not a valid ban target: prefix length 33 is longer than 32',
    );
    expect(() => parseAddressTarget('y'.repeat(10_000))).toThrow('… (10000 characters)');
  });
});

describe('parseBanTarget: addresses and peer IDs', () => {
  it('recognises a libp2p peer ID', () => {
    expect(parseBanTarget(PEER)).toEqual({ kind: 'peer', value: PEER });
  });

  it('recognises addresses', () => {
    expect(parseBanTarget('10.0.0.1:80')).toMatchObject({ kind: 'ip', value: '10.0.0.1/32' });
  });

  it.each(['test-peer-id', 'Qm', '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgX0', '🙂'])(
    '%s is neither',
    (text) => {
      expect(() => parseBanTarget(text)).toThrow(BanTargetError);
    },
  );

  it('parsePeerId accepts only peer IDs', () => {
    expect(parsePeerId(PEER)).toBe(PEER);
    expect(() => parsePeerId('')).toThrow('peer_id is empty');
    expect(() => parsePeerId('1.2.3.4')).toThrow('"1.2.3.4" is not a libp2p peer ID');
  });
});
