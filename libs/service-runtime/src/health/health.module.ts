import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GrpcHealthController } from './grpc-health.controller.js';
import { HealthController } from './health.controller.js';
import { ReadinessRegistry } from './readiness-registry.js';
import { ReadinessService } from './readiness.service.js';

/** /health/liveness, /health/readiness and grpc.health.v1; apps register readiness checks. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, GrpcHealthController],
  providers: [ReadinessRegistry, ReadinessService],
  exports: [ReadinessRegistry],
})
export class HealthModule {}
