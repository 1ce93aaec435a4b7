import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { renderTemplate } from './render-template.js';

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

export interface RenderedManifest {
  /** The template file it came from. */
  readonly template: string;
  readonly manifest: Manifest;
}

export interface RenderOptions {
  readonly releaseName?: string;
  readonly namespace?: string;
  /** Merged over values.yaml like `helm --values`. */
  readonly values?: Record<string, unknown>;
}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's values merge: maps merge key by key, anything else replaces. */
export function mergeValues(base: Tree, override: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = isTree(value) && isTree(merged[key]) ? mergeValues(merged[key], value) : value;
  }
  return merged;
}

/**
 * Renders a Helm chart as `helm template` would (templates whose names start with `_` are
 * helpers and render nothing), splitting each output on `---` and parsing every document.
 */
export function renderChart(chartDir: string, options: RenderOptions = {}): RenderedManifest[] {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Tree;
  const values = mergeValues(
    parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Tree,
    options.values ?? {},
  );
  const context = {
    Values: values,
    Release: {
      Name: options.releaseName ?? 'release-name',
      Namespace: options.namespace ?? 'default',
      Service: 'Helm',
    },
    Chart: { Name: chart['name'], Version: chart['version'], AppVersion: chart['appVersion'] },
  };
  const templatesDir = join(chartDir, 'templates');
  return readdirSync(templatesDir)
    .filter((file) => /\.ya?ml$/.test(file) && !file.startsWith('_'))
    .sort()
    .flatMap((file) => {
      const output = renderTemplate(file, readFileSync(join(templatesDir, file), 'utf8'), context);
      return parseAllDocuments(output).flatMap((document) => {
        if (document.errors.length > 0) {
          throw new Error(
            `${file} renders invalid YAML: ${document.errors[0]!.message}\n${output}`,
          );
        }
        const manifest = document.toJS() as Manifest | null;
        return manifest === null ? [] : [{ template: file, manifest }];
      });
    });
}
