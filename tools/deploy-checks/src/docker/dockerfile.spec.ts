import { describe, expect, it } from '@jest/globals';
import { dockerInstructions, execForm, parseDockerfile, substituteArgs } from './dockerfile.js';

describe('parseDockerfile', () => {
  const source = [
    '# syntax=docker/dockerfile:1',
    'ARG BASE=node:24-bookworm-slim',
    '',
    'FROM ${BASE} AS build',
    'RUN npm install \\',
    '  # a comment inside a continued instruction',
    ' && npx nx build x',
    'FROM ${BASE}',
    'COPY --from=build --chown=node:node /out ./',
    'CMD ["node", "main.js"]',
  ].join('\n');

  it('splits stages, substitutes FROM arguments and joins continued lines', () => {
    const dockerfile = parseDockerfile(source);
    expect(dockerfile.globalArgs).toEqual({ BASE: 'node:24-bookworm-slim' });
    expect(dockerfile.stages.map((s) => [s.from, s.name])).toEqual([
      ['node:24-bookworm-slim', 'build'],
      ['node:24-bookworm-slim', undefined],
    ]);
    expect(dockerfile.stages[0]!.instructions[0]).toMatchObject({
      line: 5,
      keyword: 'RUN',
      rest: 'npm install && npx nx build x',
    });
  });

  it('reads --flags apart from the arguments', () => {
    const copy = parseDockerfile(source).stages[1]!.instructions[0]!;
    expect(copy.flags).toEqual({ from: 'build', chown: 'node:node' });
    expect(copy.rest).toBe('/out ./');
  });

  it('refuses what it cannot read', () => {
    expect(() => parseDockerfile('RUN x\nFROM y')).toThrow('RUN before the first FROM');
    expect(() => parseDockerfile('ARG X=1')).toThrow('no FROM');
    expect(() => parseDockerfile('FROM a BS b')).toThrow('is not FROM image [AS name]');
    expect(() => dockerInstructions('FROM a\nRUN x \\')).toThrow('continued line');
    expect(() => parseDockerfile('FROM ${MISSING}')).toThrow('without a default');
  });
});

describe('substituteArgs', () => {
  it('uses the value, then the inline default', () => {
    expect(substituteArgs('${A}:$B-${C:-c}', { A: 'a', B: 'b' })).toBe('a:b-c');
    expect(substituteArgs('${A:-x}', { A: '' })).toBe('x');
  });
});

describe('execForm', () => {
  const [cmd] = dockerInstructions('CMD ["node", "a.js"]');
  it('parses a JSON array and refuses the shell form', () => {
    expect(execForm(cmd!)).toEqual(['node', 'a.js']);
    expect(() => execForm(cmd!, 'node a.js')).toThrow('not in exec form');
    expect(() => execForm(cmd!, '["node", 1]')).toThrow('not a JSON string array');
  });
});
