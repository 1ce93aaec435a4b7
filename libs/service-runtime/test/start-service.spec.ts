import { Controller, Get, Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { Counter, type Registry } from 'prom-client';
import { InjectMetrics, startService, type RunningService } from '../src/index.js';

@Controller()
class HelloController {
  private readonly hellos: Counter;
  constructor(@InjectMetrics() registry: Registry) {
    this.hellos = new Counter({
      name: 'hello_total',
      help: 'hellos answered',
      registers: [registry],
    });
  }
  @Get('hello')
  hello(): string {
    this.hellos.inc();
    return 'hello';
  }
  @Get('boom')
  boom(): string {
    throw new TypeError('cannot read properties of undefined (reading secret)');
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

// Two services side by side in one process, as the embedded local network runs them.
describe('startService', () => {
  let a: RunningService;
  let b: RunningService;
  beforeAll(async () => {
    const settings = loadSettings({ env: { log_level: 'silent' } });
    const definition = (name: string) => ({
      name,
      module: () => ({ module: HelloModule }),
      http: () => ({ host: '127.0.0.1', port: 0 }),
    });
    a = await startService(definition('svc-a'), settings);
    b = await startService(definition('svc-b'), settings);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('serves each app on its own port with its own metrics registry', async () => {
    expect(a.httpUrl).not.toBe(b.httpUrl);
    expect(await (await fetch(`${a.httpUrl}/hello`)).text()).toBe('hello');
    await fetch(`${a.httpUrl}/hello`);
    await fetch(`${b.httpUrl}/hello`);
    const metricsA = await (await fetch(`${a.httpUrl}/metrics`)).text();
    const metricsB = await (await fetch(`${b.httpUrl}/metrics`)).text();
    expect(metricsA).toContain('hello_total{service="svc-a"} 2');
    expect(metricsB).toContain('hello_total{service="svc-b"} 1');
    expect(metricsA).toContain('process_resident_memory_bytes{service="svc-a"}');
  });

  it("answers a failing handler with a bare 500 in the errors' shape, its internals left out", async () => {
    const response = await fetch(`${a.httpUrl}/boom`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: 'internal server error (the service log says more)',
    });
    expect(await (await fetch(`${a.httpUrl}/hello`)).text()).toBe('hello');
  });
});
