import type { CommandContext } from '../cli/context.js';
import { CommandError, EXIT } from '../cli/exit-codes.js';
import { renderTable } from '../output/table.js';

interface Probe {
  service: string;
  url: string;
  status: 'ready' | 'not ready' | 'unreachable';
  failing: string[];
}

/** Readiness of each service: which dependency is down, or that the service cannot be reached. */
export async function health(ctx: CommandContext): Promise<void> {
  const probes = await Promise.all(ctx.healthTargets.map((t) => probe(t.name, t.url)));
  ctx.print(
    renderTable(
      ['SERVICE', 'URL', 'STATUS', 'FAILING'],
      probes.map((p) => [p.service, p.url, p.status, p.failing.join(', ')]),
    ),
    probes,
  );
  if (probes.some((p) => p.status === 'unreachable')) {
    throw new CommandError('some services are unreachable', EXIT.unreachable);
  }
  if (probes.some((p) => p.status === 'not ready'))
    throw new CommandError('some services are not ready', EXIT.failed);
}

async function probe(service: string, url: string): Promise<Probe> {
  try {
    const response = await fetch(`${url}/health/readiness`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json().catch(() => ({}))) as { error?: Record<string, unknown> };
    return {
      service,
      url,
      status: response.ok ? 'ready' : 'not ready',
      failing: Object.keys(body.error ?? {}),
    };
  } catch {
    return { service, url, status: 'unreachable', failing: [] };
  }
}
