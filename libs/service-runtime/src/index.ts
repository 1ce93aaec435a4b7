export { SETTINGS, InjectSettings, SettingsModule } from './settings.module.js';
export { createJsonLogger, JsonNestLogger, serviceLogger } from './json-logger.js';
export { SECRET_LOG_KEYS } from './log-redaction.js';
export {
  listenOn,
  startService,
  type RunningService,
  type ServiceDefinition,
} from './start-service.js';
export { runServiceMain, EXIT_BAD_SETTINGS } from './run-service-main.js';
export { exitOnUnsupportedNode } from './supported-node.js';
export { ListenError, listenFailureReason } from './listen-error.js';
export { grpcServerOptions, protoLoaderOptions } from './grpc/grpc-server-options.js';
export {
  grpcClientCredentials,
  grpcServerCredentials,
  type GrpcTlsSettings,
} from './grpc/grpc-credentials.js';
export { readTlsSettingFile } from './tls-setting-file.js';
export {
  grpcClient,
  GrpcCallError,
  unaryCall,
  type CallSettings,
  type GrpcClientClass,
  type GrpcClientSettings,
  type GrpcRetrySettings,
  type UnaryMethod,
} from './grpc/grpc-client.js';
export {
  AdminApiKeyGuard,
  AdminKey,
  AdminOnly,
  type AdminKeyRefusal,
} from './grpc/admin-api-key.guard.js';
export {
  grpcError,
  invalidArgument,
  notFound,
  resourceExhausted,
  unauthenticated,
  unavailable,
} from './grpc/grpc-errors.js';
export { InjectMetrics, METRICS_REGISTRY, MetricsModule } from './metrics/metrics.module.js';
export { collectedGauge } from './metrics/collected-gauge.js';
export { InjectBus, MessageBusModule, SERVICE_BUS } from './bus/message-bus.module.js';
export { HealthModule } from './health/health.module.js';
export {
  NotReadyError,
  ReadinessRegistry,
  type ReadinessCheck,
  type ReadinessOptions,
} from './health/readiness-registry.js';
export { ProgressWatch, stallError, type ProgressRecovery } from './health/progress-watch.js';
export { READINESS_CHECK_TIMEOUT_MS } from './health/readiness.service.js';
export { databaseCheck, grpcReachableCheck, messageBusCheck } from './health/dependency-checks.js';
