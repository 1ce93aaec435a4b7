/**
 * The parse tree of the subset of Go templates (as Helm uses them) that k8s/teranode-p2p
 * needs: output of a pipeline, if/else, range (optionally with `$key, $value :=`),
 * comments and whitespace trimming (`{{-`, `-}}`). Anything else is refused with its line.
 */
export type Operand =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  /** `.A.B` (from the dot), `$.A.B` (from the root), `$x.A.B` (from a variable). */
  | { readonly kind: 'path'; readonly base: string; readonly fields: readonly string[] };

/** One stage of a pipeline: a function with arguments, or a single operand. */
export type Command =
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Operand[] }
  | { readonly kind: 'operand'; readonly operand: Operand };

export type Pipeline = readonly Command[];

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly pipeline: Pipeline; readonly line: number }
  | {
      readonly kind: 'if';
      readonly condition: Pipeline;
      readonly line: number;
      readonly then: readonly TemplateNode[];
      readonly otherwise: readonly TemplateNode[];
    }
  | {
      readonly kind: 'range';
      readonly keyVariable: string | undefined;
      readonly valueVariable: string | undefined;
      readonly over: Pipeline;
      readonly body: readonly TemplateNode[];
      readonly line: number;
    };

export class TemplateError extends Error {
  constructor(template: string, line: number, message: string) {
    super(`${template}:${line}: ${message}`);
    this.name = 'TemplateError';
  }
}
