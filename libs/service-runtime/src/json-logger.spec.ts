import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { loadSettings, quoteInput } from '@teranode-p2p/config';
import { pino } from 'pino';
import { createJsonLogger, JsonNestLogger } from './json-logger.js';
import { logProcessWarnings } from './process-warnings.js';

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
  it("writes Node's process warnings as warnings of the service, not as text on stderr", () => {
    const out = capture();
    const nodeListeners = process.listeners('warning');
    try {
      logProcessWarnings(createJsonLogger('ws-gateway', 'info', out.stream));
      const warning = new Error('the old way is going away');
      warning.name = 'DeprecationWarning';
      process.emit('warning', warning);
    } finally {
      process.removeAllListeners('warning');
      for (const listener of nodeListeners) process.on('warning', listener);
    }
    expect(out.lines()).toEqual([
      expect.objectContaining({
        level: 40,
        service: 'ws-gateway',
        msg: 'DeprecationWarning: the old way is going away',
        warning: expect.objectContaining({ name: 'DeprecationWarning' }),
      }),
    ]);
  });

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

  it('redacts secret keys at any depth, and cuts objects deeper than the limit and cycles', () => {
    const out = capture();
    const logger = createJsonLogger('gossip-node', 'info', out.stream);
    logger.info({ a: { b: { c: { p2p_private_key: 'deep-secret-1' } } } }, 'three levels');
    logger.info({ a: [{ b: { c: { d: { Password: 'deep-secret-2' } } } }] }, 'in an array');
    let deep: Record<string, unknown> = { apiKey: 'deep-secret-3' };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    logger.info({ deep }, 'fifty levels');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    logger.info({ cyclic }, 'a cycle');
    const text = JSON.stringify(out.lines());
    for (const secret of ['deep-secret-1', 'deep-secret-2', 'deep-secret-3'])
      expect(text).not.toContain(secret);
    const [three, array, fifty, cycle] = out.lines();
    expect(three).toMatchObject({ a: { b: { c: { p2p_private_key: '[redacted]' } } } });
    expect(array).toMatchObject({ a: [{ b: { c: { d: { Password: '[redacted]' } } } }] });
    expect(JSON.stringify(fifty)).toContain('[too deep]');
    expect(cycle).toMatchObject({ cyclic: { name: 'loop', self: '[circular]' } });
  });

  it('masks the password of any URL, in fields of any name and inside messages', () => {
    const out = capture();
    const logger = new JsonNestLogger(createJsonLogger('ban-service', 'info', out.stream));
    const url = 'postgres://teranode:pg-Pa55word@db.example:5432/teranode_p2p';
    logger.log({ msg: 'connecting', url, nested: { target: [url] } }, 'Database');
    logger.warn(`cannot reach ${url}, retrying`, 'Database');
    logger.error(new Error(`connect ECONNREFUSED for "postgresql://u:p%40ss@h/db"`));
    const text = out
      .lines()
      .map((l) => JSON.stringify(l))
      .join('\n');
    expect(text).not.toContain('pg-Pa55word');
    expect(text).not.toContain('p%40ss');
    expect(text).toContain('postgres://teranode:***@db.example:5432/teranode_p2p');
    expect(out.lines()[1]!['msg']).toBe(
      'cannot reach postgres://teranode:***@db.example:5432/teranode_p2p, retrying',
    );
  });

  it('masks the values of the secret settings wherever they appear, in any letter case', () => {
    const privateKey = 'ab'.repeat(64);
    const sharedKey = 'c7'.repeat(32);
    const adminKey = 'adm1n-"quoted"-key';
    const settings = loadSettings({
      env: {
        p2p_private_key: privateKey,
        p2p_shared_key: sharedKey,
        grpc_admin_api_key: adminKey,
        DATABASE_URL: 'postgres://teranode:S3cret-DB-pass@db/p2p',
      },
    });
    const out = capture();
    const logger = createJsonLogger('gossip-node', 'debug', out.stream, settings);
    logger.debug(`loaded key ${privateKey.toUpperCase()} and psk ${sharedKey}`);
    logger.info({ header: `Bearer ${adminKey}`, note: 'password S3cret-DB-pass was refused' });
    logger.child({ key: sharedKey }).warn('child bindings');
    const failure = new Error(`bad key ${privateKey}`);
    logger.error({ err: failure }, 'failed');
    const text = out
      .lines()
      .map((l) => JSON.stringify(l))
      .join('\n');
    for (const secret of [privateKey, sharedKey, 'adm1n', 'S3cret-DB-pass'])
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(out.lines()[0]!['msg']).toBe('loaded key [redacted] and psk [redacted]');
    expect(out.lines()[1]!['header']).toBe('Bearer [redacted]');
  });

  it('masks a hex key cut short or embedded in other hex (its seed is the secret part)', () => {
    const privateKey = '0123456789abcdef'.repeat(8);
    const logger = (out: ReturnType<typeof capture>) =>
      createJsonLogger(
        'gossip-node',
        'debug',
        out.stream,
        loadSettings({ env: { p2p_private_key: privateKey } }),
      );
    const out = capture();
    logger(out).debug(`hash ${quoteInput(privateKey)} is longer than 64 hex digits`);
    logger(out).debug(
      `seed ${privateKey.slice(10, 42).toUpperCase()}ff and a block hash ${'e'.repeat(64)}`,
    );
    const [cut, fragment] = out.lines().map((l) => String(l['msg']));
    expect(cut).toBe('hash "[redacted]"… (128 characters) is longer than 64 hex digits');
    expect(fragment).toBe(`seed [redacted] and a block hash ${'e'.repeat(64)}`);
  });

  it('keeps what objects say of themselves (toJSON) and non-secret fields as they are', () => {
    const out = capture();
    const logger = createJsonLogger('gossip-node', 'info', out.stream);
    const address = { toJSON: () => '/ip4/127.0.0.1/tcp/9905', bytes: [1, 2] };
    logger.info({ address, peers: 3, at: new Date(0), tags: ['a', 'b'] }, 'dialled');
    expect(out.lines()[0]).toMatchObject({
      address: '/ip4/127.0.0.1/tcp/9905',
      peers: 3,
      at: '1970-01-01T00:00:00.000Z',
      tags: ['a', 'b'],
      msg: 'dialled',
    });
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
