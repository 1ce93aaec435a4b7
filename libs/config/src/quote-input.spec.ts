import { describe, expect, it } from '@jest/globals';
import { QUOTED_INPUT_LENGTH, quoteInput } from './quote-input.js';

describe('quoteInput', () => {
  it('quotes short text whole', () => {
    expect(quoteInput('')).toBe('""');
    expect(quoteInput('10.0.0.1')).toBe('"10.0.0.1"');
    expect(quoteInput('x'.repeat(QUOTED_INPUT_LENGTH))).toBe(`"${'x'.repeat(48)}"`);
  });

  it('cuts longer text after 48 characters and says how long it was', () => {
    expect(quoteInput('x'.repeat(49))).toBe(`"${'x'.repeat(48)}"… (49 characters)`);
    const mebibyte = 'y'.repeat(1024 * 1024);
    expect(quoteInput(mebibyte)).toBe(`"${'y'.repeat(48)}"… (1048576 characters)`);
  });

  it('keeps control characters and quotes escaped, so a message stays one line', () => {
    expect(quoteInput('a\nb"c\u0000')).toBe('"a\\nb\\"c\\u0000"');
    expect(quoteInput(`${'\n'.repeat(60)}`)).toBe(`"${'\\n'.repeat(48)}"… (60 characters)`);
  });

  it('takes another length where a message may show more', () => {
    expect(quoteInput('abcdef', 3)).toBe('"abc"… (6 characters)');
  });
});
