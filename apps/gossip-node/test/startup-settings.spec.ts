import { describe, expect, it } from '@jest/globals';
import { startWithSettings } from '@teranode-p2p/testing';

// The built app, started as operators start it, with one bad setting at a time: it must stop
// at once with exit code 78 and one line naming the setting, the value and what is expected.
describe('gossip-node refuses to start with a bad setting', () => {
  it.each([
    ['p2p_port', '70000', 'expected a TCP port from 1 to 65535'],
    ['network', 'moonnet', 'expected one of mainnet, testnet, regtest, stn, teratestnet, tstn'],
    [
      'p2p_static_peers',
      '/ip4/10.0.0.1/tcp/notaport',
      'expected entries separated by | or , each a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port> with an optional /p2p/<peer ID>; entry 1 "/ip4/10.0.0.1/tcp/notaport" is not',
    ],
    [
      'p2p_dns_servers',
      '10.0.0.2,dns.example.com:53',
      'expected entries separated by | or , each a DNS server IP address with an optional port, such as 10.0.0.2, 127.0.0.1:5353 or [::1]:53; entry 2 "dns.example.com:53" is not',
    ],
  ])('%s=%s', async (key, value, expected) => {
    const { code, lines } = await startWithSettings('gossip-node', { [key]: value });
    expect(code).toBe(78);
    expect(lines).toEqual([`gossip-node: invalid setting ${key}="${value}": ${expected}`]);
  });

  // Secrets are named but never echoed.
  it.each([
    [
      'p2p_private_key',
      'abcd',
      '<4 hex chars, redacted>: expected 64 or 96 bytes as hex (128 or 192 hex digits); a 96-byte key must repeat its public key (bytes 33-64 equal to bytes 65-96)',
    ],
    [
      'p2p_private_key',
      'ab'.repeat(64) + 'cd'.repeat(32),
      '<192 hex chars, redacted>: expected 64 or 96 bytes as hex (128 or 192 hex digits); a 96-byte key must repeat its public key (bytes 33-64 equal to bytes 65-96)',
    ],
    ['p2p_shared_key', 'xyz', '<3 chars, redacted>: expected 32 bytes as hex (64 hex digits)'],
  ])('%s (bad key)', async (key, value, expected) => {
    const { code, lines } = await startWithSettings('gossip-node', { [key]: value });
    expect(code).toBe(78);
    expect(lines).toEqual([`gossip-node: invalid setting ${key}=${expected}`]);
  });
});
