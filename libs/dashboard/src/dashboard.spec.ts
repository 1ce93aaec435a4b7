import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { DashboardApiController } from './dashboard-api.controller.js';
import { DashboardPageController } from './dashboard-page.controller.js';
import { httpErrorFrom } from './grpc-to-http.js';

function grpcError(code: status, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

describe('dashboard', () => {
  it('serves the page and its assets, and nothing else', () => {
    const pages = new DashboardPageController();
    expect(pages.page()).toContain('<script type="module" src="/dashboard/app.js"></script>');
    expect(pages.asset('app.js')).toContain('new WebSocket(`${scheme}://${location.host}/p2p-ws`)');
    expect(() => pages.asset('../../package.json')).toThrow(
      'no dashboard asset ../../package.json',
    );
    expect(() => pages.asset('index.html')).toThrow('no dashboard asset index.html');
  });

  it('builds the page from text only: no asset parses a string as HTML', () => {
    const pages = new DashboardPageController();
    for (const asset of ['app.js', 'app.css']) {
      expect(pages.asset(asset)).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/,
      );
    }
    expect(pages.asset('app.js')).toContain("a.rel = 'noopener noreferrer'");
  });

  it.each([
    [status.INVALID_ARGUMENT, 400, 'ban-service: bad target'],
    [status.UNAUTHENTICATED, 401, 'ban-service: bad target'],
    [status.NOT_FOUND, 404, 'ban-service: bad target'],
    [status.UNIMPLEMENTED, 501, 'ban-service: bad target'],
    [status.UNAVAILABLE, 502, 'ban-service cannot serve the call now: bad target'],
    [status.DEADLINE_EXCEEDED, 504, 'ban-service did not answer in time: bad target'],
    [status.INTERNAL, 500, 'ban-service: bad target'],
  ])('answers gRPC status %i with HTTP %i', (code, http, message) => {
    const error = httpErrorFrom(grpcError(code, 'bad target'), 'ban-service');
    expect(error.getStatus()).toBe(http);
    expect(error.getResponse()).toEqual({ error: message });
  });

  it('says unreachable only when no connection carried the call', () => {
    const unsent = {
      code: status.UNAVAILABLE,
      details: 'No connection established',
      message: '',
      unsent: true,
    };
    expect(httpErrorFrom(unsent, 'ban-service').getResponse()).toEqual({
      error: 'ban-service is unreachable: No connection established',
    });
  });

  it('refuses malformed ban requests before calling ban-service', async () => {
    const api = new DashboardApiController(
      loadSettings({ env: { ban_service_grpc_address: '127.0.0.1:1' } }),
    );
    try {
      for (const [body, message] of [
        [{}, 'target is required'],
        [{ target: 42 }, 'target must be a string'],
        [{ target: 'x'.repeat(600) }, 'target is longer than 512 characters'],
        [
          { target: '1.2.3.4', duration: 'forever' },
          'duration "forever" is not a duration such as 30m or 24h',
        ],
      ] as const) {
        await expect(api.ban(body as never)).rejects.toMatchObject({
          response: { error: message },
          status: 400,
        });
      }
    } finally {
      api.onModuleDestroy();
    }
  });
});
