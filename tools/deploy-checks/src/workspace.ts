import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root: every path these checks read is relative to it. */
export const workspaceRoot = join(import.meta.dirname, '../../..');

export function workspacePath(...parts: string[]): string {
  return join(workspaceRoot, ...parts);
}

export function readWorkspaceFile(path: string): string {
  return readFileSync(workspacePath(path), 'utf8');
}

export function workspaceFileExists(path: string): boolean {
  return existsSync(workspacePath(path));
}

/** The deployable apps: every folder under apps/ that has a Dockerfile. */
export function appsWithDockerfile(): string[] {
  return readdirSync(workspacePath('apps'))
    .filter((name) => workspaceFileExists(`apps/${name}/Dockerfile`))
    .sort();
}
