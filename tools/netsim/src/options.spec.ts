import { describe, expect, it } from '@jest/globals';
import { parseBandwidth, parseDuration, parseOptions } from './options.js';

describe('netsim options', () => {
  it('reads the README command', () => {
    const options = parseOptions(
      '--nodes 20 --population ours,go --delay 50ms --jitter 20ms --bandwidth 10mbit --duration 60s'.split(
        ' ',
      ),
    );
    expect(options).toMatchObject({
      nodes: 20,
      populations: ['ours', 'go'],
      delayMs: 50,
      jitterMs: 20,
      bandwidthKBps: 1250,
      durationMs: 60_000,
    });
  });

  it('reads durations and rates in their units', () => {
    expect(parseDuration('1.5s', 'x')).toBe(1500);
    expect(parseDuration('2m', 'x')).toBe(120_000);
    expect(parseDuration('40', 'x')).toBe(40);
    expect(parseBandwidth('512kbit')).toBe(64);
    expect(parseBandwidth('0')).toBe(0);
  });

  it('refuses unknown flags, bad values and runs beyond the bounds, saying which', () => {
    expect(() => parseOptions(['--nodes', '1000'])).toThrow('--nodes');
    expect(() => parseOptions(['--population', 'rust'])).toThrow('ours, go, libp2p or mixed');
    expect(() => parseOptions(['--duration', '1h'])).toThrow('--duration');
    expect(() => parseOptions(['--duration', '11m'])).toThrow('--duration: from 1s to 600s');
    expect(() => parseOptions(['--bandwidth', 'fast'])).toThrow('--bandwidth');
    expect(() => parseOptions(['--block-rate', '1000'])).toThrow('--block-rate');
    expect(() => parseOptions(['--frobnicate', '1'])).toThrow('unknown option');
    expect(() => parseOptions(['--nodes', '4', '--churn', '4'])).toThrow('--churn');
    expect(() => parseOptions(['--warmup', '2s'])).toThrow('--warmup');
  });
});
