import { describe, expect, it } from '@jest/globals';
import { interpolateDefaults } from './interpolate.js';

describe('interpolateDefaults', () => {
  it('resolves to the defaults', () => {
    expect(interpolateDefaults('${A:-x}/${B-y}/${C}/$$HOME/plain')).toBe('x/y//$HOME/plain');
    expect(interpolateDefaults('${ADDR:-host.docker.internal:8087}')).toBe(
      'host.docker.internal:8087',
    );
  });

  it('refuses forms it does not resolve', () => {
    expect(() => interpolateDefaults('${A:?required}')).toThrow('unsupported interpolation');
    expect(() => interpolateDefaults('$A')).toThrow('unsupported interpolation');
    expect(() => interpolateDefaults('${A:+alt}')).toThrow('unsupported interpolation ${A:+alt}');
  });
});
