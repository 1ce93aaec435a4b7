import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workspacePath } from '../workspace.js';

/** Runs one of the workspace's sh scripts in cwd: its exit code and what it wrote to stderr. */
export function runScript(
  script: string,
  cwd: string,
  args: readonly string[] = [],
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', [workspacePath(script), ...args], { cwd }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

/** Files under dir, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
