import { execFileSync, spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { workspacePath, workspaceRoot } from '../workspace.js';

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

let binary: string | undefined;

/** The real Helm CLI, which scripts/helm.sh builds once from its Go module and caches. */
export function helmBinary(): string {
  binary ??= execFileSync('bash', [workspacePath('scripts/helm.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return binary;
}

export interface HelmRun {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `helm <args>` in the repository root (relative chart paths as in the READMEs). */
export function helm(args: readonly string[]): HelmRun {
  const run = spawnSync(helmBinary(), args, { cwd: workspaceRoot, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
}

/** The manifests `helm template <args>` renders; throws with Helm's message when it fails. */
export function helmTemplate(args: readonly string[]): Manifest[] {
  const run = helm(['template', ...args]);
  if (!run.ok) throw new Error(`helm template ${args.join(' ')}: ${run.stderr}`);
  return parseAllDocuments(run.stdout).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(document.errors[0]!.message);
    const manifest = document.toJS() as Manifest | null;
    return manifest === null ? [] : [manifest];
  });
}

/**
 * The words of every shell command in a Markdown text that starts with `prefix` (e.g.
 * `helm install`), continuation lines joined.
 */
export function shellCommands(markdown: string, prefix: string): string[][] {
  return markdown
    .replaceAll(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${prefix} `))
    .map((line) => line.split(/\s+/));
}
