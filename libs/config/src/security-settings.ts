import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import { intKind, stringKind } from './setting-kinds.js';

/** TLS and the admin API key. */
export const securitySettings = declareSettings('security', {
  securityLevelHTTP: setting({
    kind: intKind({ min: 0, max: 1 }),
    default: 0,
    meaning:
      '0 serves HTTP and WebSocket in plain text; 1 serves HTTPS/WSS with server_certFile and server_keyFile.',
  }),
  security_level_grpc: setting({
    kind: intKind({ min: 0, max: 1 }),
    default: 0,
    meaning:
      "0 serves and calls gRPC in plain text; 1 serves it over TLS with server_certFile and server_keyFile, and this product's gRPC clients use TLS trusting server_certFile (the deployment's certificate or its CA).",
  }),
  server_certFile: optionalSetting({
    kind: stringKind({ type: 'path' }),
    unset: 'TLS cannot be enabled',
    meaning: 'PEM certificate file for HTTPS and gRPC TLS.',
  }),
  server_keyFile: optionalSetting({
    kind: stringKind({ type: 'path' }),
    unset: 'TLS cannot be enabled',
    meaning: 'PEM private key file for HTTPS and gRPC TLS.',
  }),
  grpc_admin_api_key: optionalSetting({
    kind: stringKind(),
    unset: 'mutating admin RPCs (ban, unban, clear, add score, connect, disconnect) are refused',
    secret: 'whole',
    meaning:
      'The x-api-key that mutating admin RPCs (ban, unban, clear, add score, connect, disconnect) must carry.',
  }),
});
