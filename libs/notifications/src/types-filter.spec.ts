import { describe, expect, it } from '@jest/globals';
import { parseTypesFilter, typesFilterKey } from './types-filter.js';

describe('parseTypesFilter', () => {
  it('no parameter: every type', () => {
    expect(parseTypesFilter(null)).toEqual({ ok: true, types: undefined });
  });

  it('a list of known types', () => {
    const result = parseTypesFilter('subtree, block');
    expect(result.ok && [...result.types!]).toEqual(['subtree', 'block']);
  });

  it.each([
    ['', 'unknown notification type ""'],
    ['block,PING', 'unknown notification type "PING"'],
    ['blocks', 'unknown notification type "blocks"'],
    ['block,block', 'notification type "block" repeated'],
  ])('refuses %j', (value, message) => {
    const result = parseTypesFilter(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });

  it('names equal filters alike whatever the order', () => {
    const a = parseTypesFilter('subtree,block');
    const b = parseTypesFilter('block,subtree');
    expect(a.ok && b.ok && typesFilterKey(a.types) === typesFilterKey(b.types)).toBe(true);
    expect(typesFilterKey(undefined)).toBe('*');
  });
});
