import { describe, expect, it } from '@jest/globals';
import { advertisedUrlWarning } from './advertised-url.js';

describe('advertisedUrlWarning', () => {
  it('warns about the default localhost URL, naming the setting it came from and the fix', () => {
    const warning = advertisedUrlWarning('http://localhost:8090/api/v1', 'asset_httpAddress');
    expect(warning).toContain(
      'asset_httpAddress "http://localhost:8090/api/v1" points to localhost',
    );
    expect(warning).toContain('p2p_allow_private_ips=false');
    expect(warning).toContain('set asset_httpPublicAddress');
  });

  it('warns about private and loopback addresses', () => {
    expect(advertisedUrlWarning('http://10.0.0.5:8090', 'asset_httpPublicAddress')).toContain(
      'points to private address',
    );
    expect(advertisedUrlWarning('http://127.0.0.1:8090', 'asset_httpPublicAddress')).toContain(
      'points to loopback address',
    );
  });

  it('says nothing of a public URL', () => {
    expect(
      advertisedUrlWarning('https://node1.example.com/api/v1', 'asset_httpPublicAddress'),
    ).toBeUndefined();
    expect(
      advertisedUrlWarning('http://203.0.113.7:8090/api/v1', 'asset_httpPublicAddress'),
    ).toBeUndefined();
  });
});
