import { spawn, type ChildProcess } from 'node:child_process';

/** The link conditions of every proxy (Toxiproxy toxics on both directions). */
export interface LinkShape {
  delayMs: number;
  jitterMs: number;
  /** KB/s (Toxiproxy's unit), 0 = unlimited. */
  bandwidthKBps: number;
}

export interface ProxyBytes {
  /** Bytes the dialling node sent through the proxy. */
  upstream: number;
  /** Bytes the listening node sent back through it. */
  downstream: number;
}

/**
 * A toxiproxy-server process and its HTTP API: one proxy per node-to-node link, toxics for
 * delay/jitter/bandwidth, `enabled=false` to cut a link (Toxiproxy closes its connections and
 * stops listening), a `timeout` toxic with timeout 0 to stall one (data held until removed).
 * Bytes per proxy and direction come from its Prometheus metrics (`-proxy-metrics`).
 */
export class Toxiproxy {
  private constructor(
    private readonly child: ChildProcess,
    private readonly api: string,
  ) {}

  static async start(binary: string, port: number): Promise<Toxiproxy> {
    const child = spawn(binary, ['-host', '127.0.0.1', '-port', String(port), '-proxy-metrics'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk).slice(-4000)));
    const proxy = new Toxiproxy(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const response = await fetch(`${proxy.api}/version`);
        if (response.ok) return proxy;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`toxiproxy-server did not answer on ${proxy.api}: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.api}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`toxiproxy ${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  /** A proxy listening on `listenPort` forwarding to `upstreamPort`, both on 127.0.0.1. */
  async createProxy(name: string, listenPort: number, upstreamPort: number, shape: LinkShape) {
    await this.call('POST', '/proxies', {
      name,
      listen: `127.0.0.1:${listenPort}`,
      upstream: `127.0.0.1:${upstreamPort}`,
      enabled: true,
    });
    for (const stream of ['upstream', 'downstream']) {
      if (shape.delayMs > 0 || shape.jitterMs > 0)
        await this.call('POST', `/proxies/${name}/toxics`, {
          name: `latency_${stream}`,
          type: 'latency',
          stream,
          attributes: { latency: shape.delayMs, jitter: shape.jitterMs },
        });
      if (shape.bandwidthKBps > 0)
        await this.call('POST', `/proxies/${name}/toxics`, {
          name: `bandwidth_${stream}`,
          type: 'bandwidth',
          stream,
          attributes: { rate: shape.bandwidthKBps },
        });
    }
  }

  /** Cuts (false) or restores (true) a link. */
  async setEnabled(name: string, enabled: boolean): Promise<void> {
    await this.call('POST', `/proxies/${name}`, { enabled });
  }

  /** Holds every byte of the link in both directions until unstall, connections left open. */
  async stall(name: string): Promise<void> {
    for (const stream of ['upstream', 'downstream'])
      await this.call('POST', `/proxies/${name}/toxics`, {
        name: `stall_${stream}`,
        type: 'timeout',
        stream,
        attributes: { timeout: 0 },
      });
  }

  async unstall(name: string): Promise<void> {
    for (const stream of ['upstream', 'downstream'])
      await this.call('DELETE', `/proxies/${name}/toxics/stall_${stream}`);
  }

  /** Bytes through each proxy so far, by proxy name. */
  async bytes(): Promise<Map<string, ProxyBytes>> {
    const text = await (await fetch(`${this.api}/metrics`)).text();
    return parseProxyBytes(text);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}

const RECEIVED = /^toxiproxy_proxy_received_bytes_total\{([^}]*)\}\s+(\S+)/;

/** Bytes received by each proxy per direction (what the sending side put on the link). */
export function parseProxyBytes(text: string): Map<string, ProxyBytes> {
  const result = new Map<string, ProxyBytes>();
  for (const line of text.split('\n')) {
    const match = RECEIVED.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const name = labels['proxy'];
    if (!name) continue;
    const entry = result.get(name) ?? { upstream: 0, downstream: 0 };
    if (labels['direction'] === 'upstream') entry.upstream += Number(match[2]);
    else if (labels['direction'] === 'downstream') entry.downstream += Number(match[2]);
    result.set(name, entry);
  }
  return result;
}
