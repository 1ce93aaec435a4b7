import { describe, expect, it } from '@jest/globals';
import { startWithSettings } from '@teranode-p2p/testing';

// The built app, started as operators start it, with one bad setting at a time: it must stop
// at once with exit code 78 and one line naming the setting, the value and what is expected.
describe('ban-service refuses to start with a bad setting', () => {
  it.each([
    [
      'p2p_ban_duration',
      'forever',
      'expected a duration such as 250ms, 30s, 1m30s or 24h, greater than 0',
    ],
    ['p2p_ban_threshold', '-5', 'expected a whole number of at least 1'],
  ])('%s=%s', async (key, value, expected) => {
    const { code, lines } = await startWithSettings('ban-service', { [key]: value });
    expect(code).toBe(78);
    expect(lines).toEqual([`ban-service: invalid setting ${key}="${value}": ${expected}`]);
  });
});
