import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { createJsonLogger, JsonNestLogger } from './json-logger.js';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('JSON logging', () => {
  it('writes one JSON object per line with the service name and the Nest context', () => {
    const out = capture();
    const logger = new JsonNestLogger(createJsonLogger('ban-service', 'info', out.stream));
    logger.log('ban added', 'BanController');
    expect(out.lines()).toEqual([
      expect.objectContaining({
        level: 30,
        service: 'ban-service',
        context: 'BanController',
        msg: 'ban added',
      }),
    ]);
  });

  it('never writes secrets, at any depth of a logged object', () => {
    const out = capture();
    const logger = createJsonLogger('gossip-node', 'info', out.stream);
    const key = 'c8a1b91ae120878d91a04c904e0d565aa44b2575c1bb30a729bd3e36e2a1d5e6';
    logger.info(
      { p2p_private_key: key, settings: { p2p_shared_key: key, grpc_admin_api_key: 'adm1n' } },
      'settings',
    );
    logger.info({ request: { metadata: { 'x-api-key': 'adm1n' } } }, 'call');
    const text = JSON.stringify(out.lines());
    expect(text).not.toContain(key);
    expect(text).not.toContain('adm1n');
    expect(text).toContain('[redacted]');
  });

  it('honours the level from the settings', () => {
    const out = capture();
    const logger = createJsonLogger('ws-gateway', 'warn', out.stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(out.lines().map((l) => l['msg'])).toEqual(['shown']);
    expect(pino.levels.values['warn']).toBe(40);
  });
});
