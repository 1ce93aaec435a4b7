import { Metadata, status } from '@grpc/grpc-js';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { AdminApiKeyGuard, AdminKey, AdminOnly } from './admin-api-key.guard.js';

class Handlers {
  @AdminOnly()
  ban(): void {}
  list(): void {}
}

function contextFor(handler: keyof Handlers, apiKey?: string): ExecutionContext {
  const metadata = new Metadata();
  if (apiKey !== undefined) metadata.set('x-api-key', apiKey);
  return {
    getHandler: () => Handlers.prototype[handler],
    switchToRpc: () => ({ getContext: () => metadata }),
  } as unknown as ExecutionContext;
}

function guard(key?: string): AdminApiKeyGuard {
  return new AdminApiKeyGuard(
    new Reflector(),
    loadSettings({ env: key ? { grpc_admin_api_key: key } : {} }),
  );
}

function rejection(run: () => unknown): { code: number; message: string } {
  try {
    run();
  } catch (error) {
    return (error as { getError(): { code: number; message: string } }).getError();
  }
  throw new Error('expected the guard to refuse');
}

describe('AdminApiKeyGuard', () => {
  it('lets read methods through without a key', () => {
    expect(guard('s3cret').canActivate(contextFor('list'))).toBe(true);
  });

  it('accepts the right key on an admin method', () => {
    expect(guard('s3cret').canActivate(contextFor('ban', 's3cret'))).toBe(true);
  });

  it('refuses a missing key with UNAUTHENTICATED', () => {
    expect(rejection(() => guard('s3cret').canActivate(contextFor('ban')))).toEqual({
      code: status.UNAUTHENTICATED,
      message: 'missing API key: send the admin key as x-api-key metadata',
    });
  });

  it('refuses a wrong key, also one that is a prefix of the right one', () => {
    for (const wrong of ['nope', 's3cre', 's3cret-and-more']) {
      expect(rejection(() => guard('s3cret').canActivate(contextFor('ban', wrong)))).toEqual({
        code: status.UNAUTHENTICATED,
        message: 'invalid API key',
      });
    }
  });

  it('refuses every admin call when no admin key is configured', () => {
    expect(rejection(() => guard().canActivate(contextFor('ban', '')))).toEqual({
      code: status.UNAUTHENTICATED,
      message: 'admin RPCs are disabled on this server: grpc_admin_api_key is not set',
    });
  });
});

describe('AdminKey', () => {
  it('accepts exactly the key and says why it refuses anything else', () => {
    const key = new AdminKey('s3cret');
    expect(key.refusal('s3cret')).toBeUndefined();
    expect(key.refusal(undefined)).toBe('missing');
    expect(key.refusal('')).toBe('missing');
    for (const wrong of ['nope', 's3cre', 's3cret-and-more'])
      expect(key.refusal(wrong)).toBe('invalid');
  });

  it('refuses everyone when no key is set', () => {
    for (const unset of [undefined, '']) {
      expect(new AdminKey(unset).refusal('')).toBe('disabled');
      expect(new AdminKey(unset).refusal('anything')).toBe('disabled');
    }
  });
});
