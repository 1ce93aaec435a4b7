import {
  type Command,
  type Operand,
  type Pipeline,
  TemplateError,
  type TemplateNode,
} from './template-syntax.js';

interface Action {
  readonly body: string;
  readonly line: number;
}

/** Splits text and `{{ actions }}`, applying the `{{-` / `-}}` whitespace trimming. */
function tokenize(source: string): (string | Action)[] {
  const tokens: (string | Action)[] = [];
  const pattern = /\{\{(-\s)?([\s\S]*?)(\s-)?\}\}/g;
  let last = 0;
  let trimNext = false;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    let text = source.slice(last, match.index);
    if (trimNext) text = text.trimStart();
    if (match[1]) text = text.trimEnd();
    tokens.push(text);
    const line = source.slice(0, match.index).split('\n').length;
    tokens.push({ body: match[2]!.trim(), line });
    trimNext = match[3] !== undefined;
    last = pattern.lastIndex;
  }
  const rest = source.slice(last);
  tokens.push(trimNext ? rest.trimStart() : rest);
  return tokens;
}

/** Splits on whitespace and `|` outside double-quoted strings. */
function words(text: string, separator: RegExp): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && separator.test(char)) {
      if (current !== '') out.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) throw new Error(`unterminated string in ${text}`);
  if (current !== '') out.push(current);
  return out;
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;

function parseOperand(word: string): Operand {
  if (word.startsWith('"')) return { kind: 'literal', value: JSON.parse(word) as string };
  if (/^-?\d+$/.test(word)) return { kind: 'literal', value: Number(word) };
  if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
  const match = /^(\$\w*|)((?:\.\w+)*|\.)$/.exec(word);
  if (match === null) throw new Error(`unsupported operand ${word}`);
  const fields = match[2] === '.' ? [] : match[2]!.split('.').slice(1);
  return { kind: 'path', base: match[1] === '' ? '.' : match[1]!, fields };
}

function parsePipeline(text: string): Pipeline {
  if (text.includes('(')) throw new Error(`parenthesised expressions are not supported: ${text}`);
  const stages = words(text, /\|/).map((stage) => words(stage, /\s/));
  if (stages.length === 0 || /^\s*\||\|\s*$|\|\s*\|/.test(text)) {
    throw new Error(`empty pipeline stage in "${text}"`);
  }
  return stages.map((stage): Command => {
    const [head, ...args] = stage as [string, ...string[]];
    if (IDENTIFIER.test(head) && !['true', 'false'].includes(head)) {
      return { kind: 'call', name: head, args: args.map(parseOperand) };
    }
    if (args.length > 0) throw new Error(`${head} is not a function`);
    return { kind: 'operand', operand: parseOperand(head) };
  });
}

interface Frame {
  readonly opener: 'root' | 'if' | 'range';
  readonly line: number;
  readonly nodes: TemplateNode[];
  otherwise?: TemplateNode[];
  readonly build?: (body: TemplateNode[], otherwise: TemplateNode[]) => TemplateNode;
}

/** Parses a template into nodes; `name` is used in error messages. */
export function parseTemplate(name: string, source: string): TemplateNode[] {
  const stack: Frame[] = [{ opener: 'root', line: 1, nodes: [] }];
  const current = () => stack.at(-1)!;
  const append = (node: TemplateNode) => (current().otherwise ?? current().nodes).push(node);
  for (const token of tokenize(source)) {
    if (typeof token === 'string') {
      if (token !== '') append({ kind: 'text', text: token });
      continue;
    }
    const { body, line } = token;
    try {
      if (body.startsWith('/*')) {
        if (!body.endsWith('*/')) throw new Error('unterminated comment');
      } else if (body === 'end') {
        const frame = stack.pop()!;
        if (frame.opener === 'root') throw new Error('end without if or range');
        append(frame.build!(frame.nodes, frame.otherwise ?? []));
      } else if (body === 'else') {
        if (current().opener !== 'if' || current().otherwise) throw new Error('else outside if');
        current().otherwise = [];
      } else if (/^if\s/.test(body)) {
        const condition = parsePipeline(body.slice(3));
        stack.push({
          opener: 'if',
          line,
          nodes: [],
          build: (then, otherwise) => ({ kind: 'if', condition, then, otherwise, line }),
        });
      } else if (/^range\s/.test(body)) {
        const declaration = /^range\s+(?:(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*)?(.+)$/s.exec(body)!;
        const [keyVariable, valueVariable] = declaration[2]
          ? [declaration[1], declaration[2]]
          : [undefined, declaration[1]];
        const over = parsePipeline(declaration[3]!);
        stack.push({
          opener: 'range',
          line,
          nodes: [],
          build: (rangeBody) => ({
            kind: 'range',
            keyVariable,
            valueVariable,
            over,
            body: rangeBody,
            line,
          }),
        });
      } else if (/^(define|template|block|with|include|else\s)/.test(body) || body.includes(':=')) {
        throw new Error(`unsupported action {{ ${body} }}`);
      } else {
        append({ kind: 'output', pipeline: parsePipeline(body), line });
      }
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError(name, line, (error as Error).message);
    }
  }
  if (stack.length > 1)
    throw new TemplateError(name, current().line, `${current().opener} without end`);
  return stack[0]!.nodes;
}
