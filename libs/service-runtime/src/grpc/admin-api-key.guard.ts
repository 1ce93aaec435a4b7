import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Settings } from '@teranode-p2p/config';
import { InjectSettings } from '../settings.module.js';
import { unauthenticated } from './grpc-errors.js';

const ADMIN_ONLY = 'teranode-p2p:admin-only';

/** Marks a gRPC method as mutating: callers must present the admin key as `x-api-key`. */
export const AdminOnly = (): MethodDecorator => SetMetadata(ADMIN_ONLY, true);

/** Why a presented admin key is refused, or undefined when it is the right one. */
export type AdminKeyRefusal = 'disabled' | 'missing' | 'invalid';

/**
 * The admin key (`grpc_admin_api_key`), compared in constant time: the gRPC guard below and the
 * dashboard's mutating HTTP endpoints check callers with it.
 */
export class AdminKey {
  private readonly expected: Buffer | undefined;

  constructor(key: string | undefined) {
    this.expected = key ? digest(key) : undefined;
  }

  /** `disabled` when no key is set (nobody may), `missing`, `invalid`; undefined: accepted. */
  refusal(presented: string | undefined): AdminKeyRefusal | undefined {
    if (!this.expected) return 'disabled';
    if (presented === undefined || presented === '') return 'missing';
    // Comparing fixed-length digests keeps the comparison constant-time whatever the lengths.
    return timingSafeEqual(digest(presented), this.expected) ? undefined : 'invalid';
  }
}

const GRPC_REFUSALS: Record<AdminKeyRefusal, string> = {
  disabled: 'admin RPCs are disabled on this server: grpc_admin_api_key is not set',
  missing: 'missing API key: send the admin key as x-api-key metadata',
  invalid: 'invalid API key',
};

/** Checks `x-api-key` against `grpc_admin_api_key` in constant time on methods marked @AdminOnly(). */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  private readonly key: AdminKey;

  constructor(
    private readonly reflector: Reflector,
    @InjectSettings() settings: Settings,
  ) {
    this.key = new AdminKey(settings.grpc_admin_api_key);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.reflector.get<boolean>(ADMIN_ONLY, context.getHandler())) return true;
    const metadata = context.switchToRpc().getContext<Metadata>();
    const presented = metadata?.get?.('x-api-key') ?? [];
    const refusal = this.key.refusal(presented.length === 0 ? undefined : String(presented[0]));
    if (refusal) throw unauthenticated(GRPC_REFUSALS[refusal]);
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
