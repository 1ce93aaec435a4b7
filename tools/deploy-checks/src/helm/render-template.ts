import { isEmpty, templateFunctions } from './template-functions.js';
import { parseTemplate } from './parse-template.js';
import {
  type Operand,
  type Pipeline,
  TemplateError,
  type TemplateNode,
} from './template-syntax.js';

interface Scope {
  readonly dot: unknown;
  readonly variables: ReadonlyMap<string, unknown>;
}

function field(value: unknown, name: string, path: string): unknown {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`nil pointer evaluating ${path}: no field ${name} on ${String(value)}`);
  }
  return (value as Record<string, unknown>)[name];
}

function operandValue(operand: Operand, scope: Scope): unknown {
  if (operand.kind === 'literal') return operand.value;
  let value: unknown;
  if (operand.base === '.') {
    value = scope.dot;
  } else {
    if (!scope.variables.has(operand.base)) throw new Error(`undefined variable ${operand.base}`);
    value = scope.variables.get(operand.base);
  }
  const path = `${operand.base === '.' ? '' : operand.base}.${operand.fields.join('.')}`;
  return operand.fields.reduce((current, name) => field(current, name, path), value);
}

function pipelineValue(pipeline: Pipeline, scope: Scope): unknown {
  let value: unknown;
  pipeline.forEach((command, index) => {
    if (command.kind === 'operand') {
      value = operandValue(command.operand, scope);
      return;
    }
    const fn = templateFunctions[command.name];
    if (fn === undefined) throw new Error(`unknown function ${command.name}`);
    const args = command.args.map((arg) => operandValue(arg, scope));
    value = fn(...(index === 0 ? args : [...args, value]));
  });
  return value;
}

function printable(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  // Helm would print "<no value>" or a Go map here: always a mistake in a manifest.
  throw new Error(`renders ${value === undefined ? 'a value that is not set' : 'a map or list'}`);
}

function entriesOf(value: unknown): [unknown, unknown][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item, index) => [index, item]);
  if (typeof value === 'object') {
    // Go templates range over maps in key order.
    return Object.keys(value)
      .sort()
      .map((key) => [key, (value as Record<string, unknown>)[key]]);
  }
  throw new Error(`cannot range over ${String(value)}`);
}

function renderNodes(name: string, nodes: readonly TemplateNode[], scope: Scope): string {
  let out = '';
  for (const node of nodes) {
    try {
      if (node.kind === 'text') {
        out += node.text;
      } else if (node.kind === 'output') {
        out += printable(pipelineValue(node.pipeline, scope));
      } else if (node.kind === 'if') {
        const branch = isEmpty(pipelineValue(node.condition, scope)) ? node.otherwise : node.then;
        out += renderNodes(name, branch, scope);
      } else {
        for (const [key, value] of entriesOf(pipelineValue(node.over, scope))) {
          const variables = new Map(scope.variables);
          if (node.keyVariable) variables.set(node.keyVariable, key);
          if (node.valueVariable) variables.set(node.valueVariable, value);
          out += renderNodes(name, node.body, { dot: value, variables });
        }
      }
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError(name, node.kind === 'text' ? 0 : node.line, (error as Error).message);
    }
  }
  return out;
}

/** Renders a template with `context` as the dot and as `$`. */
export function renderTemplate(name: string, source: string, context: unknown): string {
  const scope: Scope = { dot: context, variables: new Map([['$', context]]) };
  return renderNodes(name, parseTemplate(name, source), scope);
}
