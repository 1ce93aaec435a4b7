import { describe, expect, it } from '@jest/globals';
import { cleanClientName, MAX_CLIENT_NAME_BYTES } from './client-name.js';

describe('cleanClientName (Teranode sanitizeClientName)', () => {
  it("drops < > ' and NUL from markup and keeps the safe part", () => {
    const cleaned = cleanClientName(`<script>alert('xss')</script>\u0000\u0001\u0002node/1.0`);
    for (const dropped of ['<', '>', "'", '\u0000']) expect(cleaned).not.toContain(dropped);
    expect(cleaned).toContain('node/1.0');
    expect(cleaned).toBe('scriptalert(xss)/scriptnode/1.0');
  });

  it('drops every one of < > & \' " \\ and keeps other printable ASCII', () => {
    expect(cleanClientName('a<b>c&d\'e"f\\g')).toBe('abcdefg');
    expect(cleanClientName('teranode v0.11 (#1) [x] {y} |~`!@$%^*+=,;:?')).toBe(
      'teranode v0.11 (#1) [x] {y} |~`!@$%^*+=,;:?',
    );
  });

  it('drops control characters including tab, newline and DEL, and non-ASCII', () => {
    expect(cleanClientName('a\tb\nc\rd\u007fe')).toBe('abcde');
    expect(cleanClientName('nodé ☃ 🚀 x')).toBe('nod   x');
  });

  it('trims surrounding spaces after filtering', () => {
    expect(cleanClientName('  <b> name </b>  ')).toBe('b name /b');
    expect(cleanClientName('\u0000 \u0000')).toBe('');
  });

  it('caps at 128 bytes', () => {
    expect(cleanClientName('a'.repeat(500))).toBe('a'.repeat(MAX_CLIENT_NAME_BYTES));
  });

  it('cuts at 128 bytes before filtering: filtered characters still use up the budget', () => {
    expect(cleanClientName('<'.repeat(100) + 'b'.repeat(100))).toBe('b'.repeat(28));
  });

  it('a multi-byte character cut at byte 128 is dropped whole', () => {
    // 127 ASCII bytes, then "é" (2 bytes): only its first byte fits and is not ASCII.
    expect(cleanClientName('a'.repeat(127) + 'éz')).toBe('a'.repeat(127));
  });

  it('an empty name stays empty', () => {
    expect(cleanClientName('')).toBe('');
  });
});
