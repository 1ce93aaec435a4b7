// Runs inside an app image (`node --input-type=module -` as the image's user, in /app) and
// prints what tools/deploy-test judges: sizes by part, the largest packages, dev dependencies,
// source maps, tests and TypeScript sources, and what the user may write.
import { accessSync, constants, existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else files.push({ path: relative(root, path), bytes: lstatSync(path).size });
  }
})(root);

const sum = (list) => list.reduce((total, file) => total + file.bytes, 0);
const under = (prefix) => files.filter((f) => f.path.startsWith(prefix));
const own = files.filter((f) => /^(apps|libs)\//.test(f.path));
const modules = under('node_modules/');

const packages = new Map();
for (const file of modules) {
  const [, first, second] = file.path.split('/');
  const name = first.startsWith('@') ? `${first}/${second}` : first;
  packages.set(name, (packages.get(name) ?? 0) + file.bytes);
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = existsSync('node_modules/.package-lock.json')
  ? JSON.parse(readFileSync('node_modules/.package-lock.json', 'utf8'))
  : { packages: {} };
// npm leaves `dev` out of the lock entries of production packages.
const lockEntry = (name) => {
  const entry = lock.packages?.[`node_modules/${name}`];
  return entry && { ...entry, dev: entry.dev === true };
};
const neededBy = (name) =>
  Object.entries(lock.packages ?? {})
    .filter(([, entry]) => entry.dev !== true && name in { ...entry.dependencies })
    .map(([path]) => path.replace(/^.*node_modules\//, ''));
const installedDev = Object.keys(manifest.devDependencies ?? {}).filter((name) =>
  existsSync(join('node_modules', name)),
);
const writable = (path) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

process.stdout.write(
  JSON.stringify({
    uid: process.getuid(),
    node: process.version,
    bytes: {
      total: sum(files),
      node_modules: sum(modules),
      own: sum(own),
      other: sum(files) - sum(modules) - sum(own),
    },
    largestPackages: [...packages]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, bytes]) => ({ name, bytes })),
    // A devDependency of ours may also be a production dependency of a dependency (protobufjs
    // needs @types/node): npm's lock says which, and only the dev ones count against the image.
    devDependenciesInstalled: installedDev.filter((name) => lockEntry(name)?.dev !== false),
    devDependenciesNeededByProduction: installedDev
      .filter((name) => lockEntry(name)?.dev === false)
      .map((name) => ({ name, by: neededBy(name) })),
    devEntriesInLock: Object.entries(lock.packages ?? {})
      .filter(([, entry]) => entry.dev === true)
      .map(([path]) => path),
    ownSourceMaps: own.filter((f) => f.path.endsWith('.map')).map((f) => f.path),
    ownTests: own
      .filter((f) => /\.(spec|test)\.[cm]?[jt]s$|(^|\/)(test|__tests__)\//.test(f.path))
      .map((f) => f.path),
    ownTypeScript: own.filter((f) => /\.[cm]?ts$/.test(f.path)).map((f) => f.path),
    moduleSourceMaps: {
      count: modules.filter((f) => f.path.endsWith('.map')).length,
      bytes: sum(modules.filter((f) => f.path.endsWith('.map'))),
    },
    writableOutsideData: files
      .filter((f) => !f.path.startsWith('data/') && writable(f.path))
      .map((f) => f.path),
    dataWritable: writable('data'),
  }),
);
