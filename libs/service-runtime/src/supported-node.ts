/**
 * The oldest Node.js the product runs on (package.json `engines`); older ones fail deep inside
 * a service (e.g. `process.threadCpuUsage is not a function` on Node 20) instead of saying so.
 */
export const MIN_NODE_MAJOR = 24;

/** Why this Node.js cannot run `program`, or undefined when it can. */
export function unsupportedNode(
  program: string,
  version: string = process.versions.node,
): string | undefined {
  const major = Number(version.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  return (
    `${program} needs Node.js ${MIN_NODE_MAJOR} or newer, this is ${version}: ` +
    `run it with the repository's node_modules/.bin/node (npm install pins it) or its container image`
  );
}

/** Ends the process with one line on stderr when this Node.js cannot run `program`. */
export function exitOnUnsupportedNode(program: string): void {
  const reason = unsupportedNode(program);
  if (reason === undefined) return;
  process.stderr.write(`${reason}\n`);
  process.exit(1);
}
