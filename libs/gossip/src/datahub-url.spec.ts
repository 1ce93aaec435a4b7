import { describe, expect, it } from '@jest/globals';
import { checkDataHubUrl, ipAddressScope, isLocalhostName } from './datahub-url.js';

const STRICT = { allowPrivateIps: false };
const ALLOW = { allowPrivateIps: true };

// Teranode's TestIsUnsafeIP (services/p2p/server_helpers_test.go), then the forms Go's
// net.IP methods give the same answer for.
describe('ipAddressScope', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['2607:f8b0:4004:800::200e', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    // beyond Teranode's table
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['192.169.0.1', 'public'],
    ['fc00::1', 'private'],
    ['fe00::1', 'public'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'public'],
    ['224.0.0.251', 'link-local'],
    ['224.0.1.1', 'public'],
    ['ff02::1', 'link-local'],
    ['ff05::1', 'public'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:8.8.8.8', 'public'],
    ['0.1.2.3', 'public'],
  ])('%s is %s', (ip, scope) => {
    expect(ipAddressScope(ip)).toBe(scope);
  });

  it.each(['localhost', 'example.com', '127.1', '010.0.0.1', 'fe80::1%eth0', '1.2.3.4.5', ''])(
    '%j is no IP literal (Go net.ParseIP gives nil)',
    (text) => {
      expect(ipAddressScope(text)).toBeUndefined();
    },
  );
});

// Teranode's TestIsLocalhostHostname, then case and the root dot.
describe('isLocalhostName', () => {
  it.each([
    ['localhost', true],
    ['sub.localhost', true],
    ['deep.sub.localhost', true],
    ['example.com', false],
    ['localhosted.com', false],
    ['notlocalhost', false],
    ['localhost.example.com', false],
    ['LOCALHOST', true],
    ['localhost.', true],
    ['Sub.LocalHost.', true],
  ])('%s → %s', (host, expected) => {
    expect(isLocalhostName(host)).toBe(expected);
  });
});

describe('checkDataHubUrl', () => {
  // Teranode's TestValidateDataHubURL: 5 valid URLs …
  it.each([
    'http://example.com/api/v1',
    'https://example.com/api/v1',
    'http://example.com:8080/api',
    'http://8.8.8.8/api',
    'http://[2607:f8b0:4004:800::200e]/api',
  ])('accepts %s', (url) => {
    expect(checkDataHubUrl(url, STRICT)).toBeUndefined();
  });

  // … and the invalid ones, each with the words Teranode's error carries.
  it.each([
    ['', 'bad_url', 'empty'],
    ['ftp://example.com/file', 'bad_url', 'invalid scheme'],
    ['file:///etc/passwd', 'bad_url', 'invalid scheme'],
    ['example.com/api', 'bad_url', 'invalid scheme'],
    ['http:///path', 'bad_url', 'no hostname'],
    ['http://127.0.0.1/api', 'private_url', 'loopback'],
    ['http://127.0.0.2:8080/api', 'private_url', 'loopback'],
    ['http://[::1]/api', 'private_url', 'loopback'],
    ['http://10.0.0.1/api', 'private_url', 'private'],
    ['http://172.16.0.1/api', 'private_url', 'private'],
    ['http://192.168.1.1/api', 'private_url', 'private'],
    ['http://169.254.1.1/api', 'private_url', 'link-local'],
    ['http://[fe80::1]/api', 'private_url', 'link-local'],
    ['http://0.0.0.0/api', 'private_url', 'unspecified'],
    ['http://localhost/api', 'private_url', 'localhost'],
    ['http://localhost:8080/api', 'private_url', 'localhost'],
    ['http://sub.localhost/api', 'private_url', 'localhost'],
  ])('refuses %j (%s: %s)', (url, reason, words) => {
    const problem = checkDataHubUrl(url, STRICT);
    expect(problem?.reason).toBe(reason);
    expect(problem?.detail).toContain(words);
  });

  it('names the field in the detail', () => {
    expect(checkDataHubUrl('http://[::]/', STRICT, 'base_url')?.detail).toBe(
      'base_url "http://[::]/" points to unspecified address',
    );
  });

  it('with private addresses allowed still wants http(s) and a host, as Teranode does', () => {
    for (const url of [
      'http://127.0.0.1:8090/api/v1',
      'http://localhost/api',
      'http://[fe80::1]/',
      'http://10.0.0.1',
    ])
      expect(checkDataHubUrl(url, ALLOW)).toBeUndefined();
    expect(checkDataHubUrl('', ALLOW)?.detail).toContain('empty');
    expect(checkDataHubUrl('ftp://127.0.0.1/', ALLOW)?.detail).toContain('invalid scheme');
    expect(checkDataHubUrl('http:///path', ALLOW)?.detail).toContain('no hostname');
  });

  it.each([
    ['HTTPS://Example.COM:443/x', 'a scheme in capitals'],
    ['http://user:pass@example.com/', 'user info'],
    ['http://example.com?x=1#y', 'query and fragment without a path'],
    ['http://example.com:/', 'an empty port'],
    ['http://hub/api', 'a single-label name'],
    ['http://teranode-1.example/api', 'a label ending in a digit'],
    ['http://[::ffff:8.8.8.8]/', 'an IPv4-mapped public address'],
    ['http://1.2.3.4.example/', 'an address-like label under a name'],
  ])('accepts %s (%s)', (url) => {
    expect(checkDataHubUrl(url, STRICT)).toBeUndefined();
  });

  // Spellings of internal hosts that Go's check lets through (see datahub-url.ts).
  it.each([
    ['http://LOCALHOST/', 'localhost'],
    ['http://localhost./', 'localhost'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f.0.0.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://0xa000001/', 'private'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[fe80::1%25eth0]:8090/', 'link-local'],
    ['http://evil@127.0.0.1/', 'loopback'],
  ])('refuses %s as %s', (url, words) => {
    expect(checkDataHubUrl(url, STRICT)).toMatchObject({
      reason: 'private_url',
      detail: expect.stringContaining(words),
    });
  });

  it.each([
    ['http://256.1.1.1/', 'ends in a number'],
    ['http://a.1/', 'ends in a number'],
    ['http://exa mple.com/', 'invalid character'],
    ['http://127.0.0.%31/', 'invalid character'],
    ['http://example.com:80x/', 'invalid port'],
    ['http://[::1/', 'missing ]'],
    ['http://[::1]x/', 'invalid port'],
    ['http://[zz]/', 'not an IPv6 address'],
    ['http://ex\\ample@127.0.0.1/', 'invalid userinfo'],
    ['http://exa\nmple.com/', 'control character'],
    ['http:example.com', 'no hostname'],
    ['//example.com/', 'invalid scheme'],
  ])('refuses %j as no usable URL (%s)', (url, words) => {
    expect(checkDataHubUrl(url, STRICT)).toMatchObject({
      reason: 'bad_url',
      detail: expect.stringContaining(words),
    });
  });

  it('quotes at most 48 characters of a long URL', () => {
    const url = `ftp://${'a'.repeat(30_000)}`;
    const detail = checkDataHubUrl(url, STRICT)!.detail;
    expect(detail).toContain('(30006 characters)');
    expect(detail.length).toBeLessThan(200);
  });
});
