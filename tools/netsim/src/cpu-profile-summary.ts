/**
 * Sums the self time of every V8 `.cpuprofile` in a directory (what `--cpu-profile` makes our
 * nodes write) by package and by function:
 *
 *   node tools/netsim/dist/cpu-profile-summary.js <dir> [top=30]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string, functionName: string): string {
  const module = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (module) return module;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const local = /(apps|libs|tools)\/[^/]+/.exec(url)?.[0];
  return local ?? (functionName || '(native)');
}

export function summarize(dir: string, top: number): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const micros = profile.timeDeltas[i] ?? 0;
      const frame = nodes.get(id)!.callFrame;
      const where = frame.url.split('/').slice(-2).join('/');
      const fn = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
      const pkg = packageOf(frame.url, frame.functionName);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
      total += micros;
    });
  }
  const busy = total - (byPackage.get('(idle)') ?? 0);
  const list = (map: Map<string, number>) =>
    [...map]
      .filter(([key]) => !key.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([key, us]) =>
          `${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1e6).toFixed(2).padStart(7)} s  ${key}`,
      )
      .join('\n');
  return `${files.length} profiles, ${(busy / 1e6).toFixed(1)} s busy (idle left out)\n-- by package --\n${list(byPackage)}\n-- by function --\n${list(byFunction)}\n`;
}

if (process.argv[1]?.endsWith('cpu-profile-summary.js')) {
  const [dir, top = '30'] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: cpu-profile-summary <dir with .cpuprofile files> [top]\n');
    process.exit(64);
  }
  process.stdout.write(summarize(dir, Number(top)));
}
