import { describe, expect, it } from '@jest/globals';
import { renderTemplate } from './render-template.js';

const context = {
  Values: {
    name: 'node',
    port: 9905,
    enabled: true,
    disabled: false,
    empty: '',
    apps: { b: { port: 2 }, a: { port: 1 } },
    list: ['x', 'y'],
    resources: { limits: { cpu: '1', memory: '512Mi' } },
  },
  Release: { Name: 'rel' },
};
const render = (source: string) => renderTemplate('t.yaml', source, context);

describe('renderTemplate (the Go-template subset of the chart)', () => {
  it('prints fields of the dot, the root and variables', () => {
    expect(render('{{ .Release.Name }}-{{ $.Values.name }}:{{ .Values.port }}')).toBe(
      'rel-node:9905',
    );
  });

  it('trims whitespace around {{- and -}}', () => {
    expect(render('a:\n  {{- .Values.name }}\n{{- /* gone */ -}}\n  b')).toBe('a:nodeb');
  });

  it('pipes the value as the last argument: quote, toYaml, nindent, default, not', () => {
    expect(render('{{ .Values.port | quote }}')).toBe('"9905"');
    expect(render('{{ quote "a\\"b" }}')).toBe('"a\\"b"');
    expect(render('r:{{ .Values.resources | toYaml | nindent 2 }}')).toBe(
      'r:\n  limits:\n    cpu: "1"\n    memory: 512Mi',
    );
    expect(render('{{ .Values.empty | default "d" }}/{{ .Values.name | default "d" }}')).toBe(
      'd/node',
    );
    expect(render('{{ not .Values.disabled }}')).toBe('true');
  });

  it('chooses if or else by Go truthiness', () => {
    const source = '{{ if .Values.X }}yes{{ else }}no{{ end }}';
    for (const [field, expected] of [
      ['enabled', 'yes'],
      ['disabled', 'no'],
      ['empty', 'no'],
      ['missing', 'no'],
      ['apps', 'yes'],
    ] as const) {
      expect(render(source.replace('X', field))).toBe(expected);
    }
  });

  it('ranges over maps in key order and over lists, binding variables and the dot', () => {
    expect(
      render('{{ range $k, $v := .Values.apps }}{{ $k }}={{ $v.port }}/{{ .port }};{{ end }}'),
    ).toBe('a=1/1;b=2/2;');
    expect(render('{{ range $i, $v := .Values.list }}{{ $i }}{{ $v }}{{ end }}')).toBe('0x1y');
    expect(render('{{ range $v := .Values.list }}{{ $v }}{{ $.Release.Name }}{{ end }}')).toBe(
      'xrelyrel',
    );
    expect(render('{{ range .Values.missing }}never{{ end }}')).toBe('');
  });

  it('refuses what Helm would print wrongly, naming the template and line', () => {
    expect(() => render('\n{{ .Values.missing }}')).toThrow(
      't.yaml:2: renders a value that is not set',
    );
    expect(() => render('{{ .Values.apps }}')).toThrow('renders a map or list');
    expect(() => render('{{ .Values.missing.deeper }}')).toThrow('nil pointer evaluating');
    expect(() => render('{{ $nope }}')).toThrow('undefined variable $nope');
    expect(() => render('{{ .Values.name | upper }}')).toThrow('unknown function upper');
    expect(() => render('{{ range .Values.name }}{{ end }}')).toThrow('cannot range over node');
  });

  it('refuses syntax outside the subset', () => {
    expect(() => render('{{ if .Values.enabled }}')).toThrow('t.yaml:1: if without end');
    expect(() => render('{{ end }}')).toThrow('end without if or range');
    expect(() => render('{{ else }}')).toThrow('else outside if');
    expect(() => render('{{ include "x" . }}')).toThrow('unsupported action');
    expect(() => render('{{ $x := 1 }}')).toThrow('unsupported action');
    expect(() => render('{{ printf "%s" (.Values.name) }}')).toThrow('parenthesised');
    expect(() => render('{{ "open }}')).toThrow('unterminated string');
    expect(() => render('{{ .Values.name | }}')).toThrow('empty pipeline stage');
    expect(() => render('{{ .Values.a-b }}')).toThrow('unsupported operand');
  });
});
