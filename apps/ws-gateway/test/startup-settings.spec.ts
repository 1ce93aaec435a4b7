import { describe, expect, it } from '@jest/globals';
import { startWithSettings } from '@teranode-p2p/testing';

// The built app, started as operators start it, with one bad setting at a time: it must stop
// at once with exit code 78 and one line naming the setting, the value and what is expected.
describe('ws-gateway refuses to start with a bad setting', () => {
  it.each([
    [
      'p2p_http_listen_address',
      ':99999',
      'expected a listen address host:port or :port, such as :9904, 0.0.0.0:9904 or [::1]:9904',
    ],
  ])('%s=%s', async (key, value, expected) => {
    const { code, lines } = await startWithSettings('ws-gateway', { [key]: value });
    expect(code).toBe(78);
    expect(lines).toEqual([`ws-gateway: invalid setting ${key}="${value}": ${expected}`]);
  });
});
