import { describe, expect, it } from '@jest/globals';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['250ms', 250],
    ['10s', 10_000],
    ['30m', 1_800_000],
    ['1m30s', 90_000],
    ['24h', 86_400_000],
    ['1h30m15s250ms', 5_415_250],
    ['1.5h', 5_400_000],
    ['1.1s', 1_100],
    ['0s', 0],
    ['007s', 7_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'empty'],
    ['30', 'bare number'],
    ['-1s', 'negative'],
    ['1.5', 'fraction without unit'],
    ['10 s', 'inner space'],
    ['10S', 'upper-case unit'],
    ['1d', 'days (Go has none)'],
    ['500us', 'sub-millisecond unit'],
    ['0.5ms', 'fraction of a millisecond'],
    ['1m30', 'trailing number'],
    ['s', 'unit without number'],
    ['.5s', 'no leading digit'],
    ['99999999999999999h', 'beyond safe integers'],
    ['1h-30m', 'negative component'],
  ])('%j is rejected (%s)', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0'],
    [250, '250ms'],
    [90_000, '1m30s'],
    [86_400_000, '24h'],
    [5_415_250, '1h30m15s250ms'],
    [2 ** 31 - 1, '596h31m23s647ms'],
  ])('%d ms is %s, which parses back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
