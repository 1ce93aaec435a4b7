import { spawnApp } from './spawn-app.js';

/** How a built app answered a start with bad settings: its exit code and what it printed. */
export async function startWithSettings(
  app: string,
  env: Record<string, string>,
): Promise<{ code: number | null; lines: string[] }> {
  const child = await spawnApp(app, { env });
  const timer = setTimeout(() => void child.stop('SIGKILL'), 20_000);
  const code = await child.exited;
  clearTimeout(timer);
  return {
    code,
    lines: child
      .output()
      .split('\n')
      .filter((line) => line.trim() !== ''),
  };
}
