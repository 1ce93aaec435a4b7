import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { grpc_health } from '@teranode-p2p/contracts';
import { ReadinessService } from './readiness.service.js';

const { HealthCheckResponse_ServingStatus: ServingStatus } = grpc_health;

/**
 * grpc.health.v1.Health on every gRPC server: SERVING when every readiness check passes,
 * except those registered with `grpcServing: false`.
 */
@Controller()
export class GrpcHealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @GrpcMethod('Health', 'Check')
  async check(): Promise<{ status: number }> {
    try {
      await this.readiness.check('grpc-serving');
      return { status: ServingStatus.SERVING };
    } catch {
      return { status: ServingStatus.NOT_SERVING };
    }
  }
}
