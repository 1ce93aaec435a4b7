import { describe, expect, it } from '@jest/globals';
import { JsonNumber, parseJsonKeepingNumbers } from './json-number.js';

/** What the parse must give: every number as its source text, whatever the text looks like. */
const withReviver = (text: string): unknown =>
  JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' ? new JsonNumber(context!.source!) : value,
  );

describe('parseJsonKeepingNumbers', () => {
  it.each([
    '5',
    ' -0.5e3 ',
    '[1,-2, 3.0]',
    '{"a" :\n\t18446744073709551615}',
    '{"a":[ {"b":-1e-7}]}',
    '{"Height":9007199254740993,"x":"y"}',
  ])('keeps the source of every number in %j', (text) => {
    const parsed = parseJsonKeepingNumbers(text);
    expect(parsed).toEqual(withReviver(text));
    expect(JSON.stringify(parsed)).toContain('"source"');
  });

  it.each([
    '{"name":"bench","data":"eyJIYXNoIjoiIn0="}',
    '{"a":"1:2,3[4","b":["-x",true,null]}',
    '"12:34"',
    '[]',
  ])('parses %j, which has no number token, the same', (text) => {
    expect(parseJsonKeepingNumbers(text)).toEqual(withReviver(text));
  });

  it('agrees with the reviver parse on generated texts mixing numbers and number-like strings', () => {
    const pieces = ['1', '-2.5', '1e9', '"3"', '"a:4"', '",5"', '"[6"', 'true', 'null', '"x"'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 2000; i++) {
      const values = Array.from({ length: 1 + (next() % 5) }, () => pieces[next() % pieces.length]);
      const space = [' ', '', '\n'][next() % 3];
      const text =
        next() % 2
          ? `[${values.join(`,${space}`)}]`
          : `{${values.map((v, k) => `"k${k}":${space}${v}`).join(',')}}`;
      expect(parseJsonKeepingNumbers(text)).toEqual(withReviver(text));
    }
  });

  it('still refuses text that is not JSON', () => {
    expect(() => parseJsonKeepingNumbers('{"a":}')).toThrow(SyntaxError);
    expect(() => parseJsonKeepingNumbers('{"a":"b"')).toThrow(SyntaxError);
  });
});
