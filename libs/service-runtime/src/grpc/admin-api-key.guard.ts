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

/** Checks `x-api-key` against `grpc_admin_api_key` in constant time on methods marked @AdminOnly(). */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(
    private readonly reflector: Reflector,
    @InjectSettings() settings: Settings,
  ) {
    const key = settings.grpc_admin_api_key;
    this.expected = key ? digest(key) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.reflector.get<boolean>(ADMIN_ONLY, context.getHandler())) return true;
    if (!this.expected) {
      throw unauthenticated(
        'admin RPCs are disabled on this server: grpc_admin_api_key is not set',
      );
    }
    const metadata = context.switchToRpc().getContext<Metadata>();
    const presented = metadata?.get?.('x-api-key') ?? [];
    if (presented.length === 0)
      throw unauthenticated('missing API key: send the admin key as x-api-key metadata');
    // Comparing fixed-length digests keeps the comparison constant-time whatever the lengths.
    if (!timingSafeEqual(digest(String(presented[0])), this.expected))
      throw unauthenticated('invalid API key');
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
