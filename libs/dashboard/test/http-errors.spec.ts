import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningService } from '@teranode-p2p/service-runtime';
import { freePort } from '@teranode-p2p/testing';
import { startDashboard } from './support/start-dashboard.js';

// Garbage sent to the dashboard's JSON API over real HTTP (Nest's Express stack, as ws-gateway
// serves it): every refusal is `{ "error": "…" }` saying what to send instead, and the service
// keeps answering.
const KEY = 'http-errors-key';

describe('the dashboard API answers bad requests in its own words', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startDashboard({
      log_level: 'silent',
      p2p_grpc_address: `127.0.0.1:${await freePort()}`,
      grpc_admin_api_key: KEY,
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const send = async (method: string, path: string, body?: string, type = 'application/json') => {
    const response = await fetch(`${service.httpUrl}${path}`, {
      method,
      headers: { 'x-api-key': KEY, ...(body === undefined ? {} : { 'content-type': type }) },
      body,
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  it.each([
    ['{bad', 400, /^the request body is not valid JSON: Expected property name/],
    ['null', 400, /^the request body must be a JSON object, not null$/],
    ['"1.2.3.4"', 400, /^the request body must be a JSON object, not string$/],
    ['[]', 400, /^the request body must be a JSON object, not an array$/],
    ['{"target": 7}', 400, /^target must be a string$/],
  ])('POST /api/bans with the JSON body %s: %i', async (body, status, error) => {
    const answer = await send('POST', '/api/bans', body);
    expect(answer.status).toBe(status);
    expect(Object.keys(answer.body)).toEqual(['error']);
    expect(answer.body.error).toMatch(error);
  });

  it('refuses a body that is not JSON with 415, saying what to send', async () => {
    expect(await send('POST', '/api/bans', 'target=1.2.3.4', 'text/plain')).toEqual({
      status: 415,
      body: { error: 'send the body as JSON (content-type: application/json), not text/plain' },
    });
    expect(
      await send(
        'POST',
        '/api/registry/reset-reputation',
        'x',
        'application/x-www-form-urlencoded',
      ),
    ).toMatchObject({ status: 415 });
  });

  it('refuses a body over the limit with 413, naming the limit', async () => {
    const body = JSON.stringify({ target: 'a'.repeat(300_000) });
    expect(await send('POST', '/api/bans', body)).toEqual({
      status: 413,
      body: {
        error: `the request body (${body.length} bytes) is larger than the 102400 bytes this server accepts`,
      },
    });
  });

  it('answers unknown routes, methods and undecodable parameters as { error }', async () => {
    expect(await send('GET', '/api/nope')).toEqual({
      status: 404,
      body: { error: 'Cannot GET /api/nope' },
    });
    expect(await send('PUT', '/api/bans', '{}')).toEqual({
      status: 404,
      body: { error: 'Cannot PUT /api/bans' },
    });
    expect(await send('DELETE', '/api/bans/%ZZ')).toEqual({
      status: 400,
      body: { error: "Failed to decode param '%ZZ'" },
    });
  });

  it('keeps serving after the garbage, and its own errors keep their words', async () => {
    const bans = await send('GET', '/api/bans');
    expect(bans.status).toBe(502);
    expect(bans.body.error).toMatch(/^ban-service is unreachable: /);
    const liveness = await fetch(`${service.httpUrl}/health/liveness`);
    expect(liveness.status).toBe(200);
    const readiness = await send('GET', '/health/readiness');
    expect(readiness.body).toHaveProperty('status');
  });
});
