import { credentials, ServerCredentials, type ChannelCredentials } from '@grpc/grpc-js';
import type { Settings } from '@teranode-p2p/config';
import { readTlsSettingFile } from '../tls-setting-file.js';

export type GrpcTlsSettings = Pick<
  Settings,
  'security_level_grpc' | 'server_certFile' | 'server_keyFile'
>;

/** TLS with server_certFile / server_keyFile when security_level_grpc is 1; plain text at 0. */
export function grpcServerCredentials(settings: GrpcTlsSettings): ServerCredentials | undefined {
  if (settings.security_level_grpc === 0) return undefined;
  return ServerCredentials.createSsl(null, [
    {
      cert_chain: readTlsSettingFile(settings, 'server_certFile'),
      private_key: readTlsSettingFile(settings, 'server_keyFile'),
    },
  ]);
}

/**
 * What this product's gRPC clients (to its own services and to Teranode's blockchain service)
 * use: at security_level_grpc 1, TLS trusting server_certFile — the certificate a Teranode
 * deployment's services share, or the CA that signed theirs; plain text at 0.
 */
export function grpcClientCredentials(settings: GrpcTlsSettings): ChannelCredentials {
  if (settings.security_level_grpc === 0) return credentials.createInsecure();
  return credentials.createSsl(readTlsSettingFile(settings, 'server_certFile'));
}
