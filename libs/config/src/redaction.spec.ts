import { describe, expect, it } from '@jest/globals';
import { displayValue, redactUrlPassword, redactWhole } from './redaction.js';

describe('redactWhole', () => {
  it('keeps only the length', () => {
    expect(redactWhole('ab'.repeat(64))).toBe('<128 hex chars, redacted>');
    expect(redactWhole('testkey')).toBe('<7 chars, redacted>');
  });
});

describe('redactUrlPassword', () => {
  it.each([
    ['postgres://p2p:hunter2@db:5432/p2p', 'postgres://p2p:***@db:5432/p2p'],
    ['postgresql://p2p:p@ss:w0rd@db/p2p', 'postgresql://p2p:***@db/p2p'],
    ['postgres://p2p@db/p2p', 'postgres://p2p@db/p2p'],
    ['postgres://db/p2p', 'postgres://db/p2p'],
    ['p2p:hunter2@db/p2p', '***@db/p2p'],
    ['postgres://:hunter2@db/p2p', 'postgres://:***@db/p2p'],
  ])('%s → %s', (text, masked) => {
    expect(redactUrlPassword(text)).toBe(masked);
  });
});

describe('displayValue', () => {
  it('quotes plain values and escapes line breaks', () => {
    expect(displayValue('a"b\nc', undefined)).toBe('"a\\"b\\nc"');
  });

  it('masks secrets without quotes', () => {
    expect(displayValue('abc', 'whole')).toBe('<3 hex chars, redacted>');
    expect(displayValue('postgres://u:pw@h/d', 'url-password')).toBe('"postgres://u:***@h/d"');
  });
});
