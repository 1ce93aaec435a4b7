import type { NodeProcess } from './gossip-node-process.js';

export interface Readiness {
  status: number;
  info: Record<string, Record<string, unknown>>;
  error: Record<string, Record<string, unknown>>;
}

/** gossip-node's /health/readiness: the status and the checks that passed and failed. */
export async function readiness(node: Pick<NodeProcess, 'httpUrl'>): Promise<Readiness> {
  const response = await fetch(`${node.httpUrl}/health/readiness`);
  const body = (await response.json()) as Omit<Readiness, 'status'>;
  return { status: response.status, info: body.info ?? {}, error: body.error ?? {} };
}
