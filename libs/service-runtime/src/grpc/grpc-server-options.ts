import type { GrpcOptions } from '@nestjs/microservices';
import { protoDir, protoFile } from '@teranode-p2p/contracts';
import './strict-protobuf-strings.js';

/**
 * How every gRPC server of the product loads its contracts: field names exactly as in the
 * .proto files (Teranode mixes camelCase and snake_case), 64-bit integers as decimal strings
 * (exact, and the type the generated contracts give them: a JS number would round
 * 9223372036854775807), defaults filled in, the name of the set oneof field present.
 */
export const protoLoaderOptions = {
  keepCase: true,
  longs: String,
  enums: Number,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
  includeDirs: [protoDir],
};

/** Options for one gRPC server of a service; grpc.health.v1 is always served too. */
export function grpcServerOptions(
  url: string,
  services: { package: string; proto: string }[],
): GrpcOptions['options'] {
  return {
    url,
    package: [...services.map((s) => s.package), 'grpc.health.v1'],
    protoPath: [
      ...services.map((s) => protoFile(s.proto)),
      protoFile('grpc/health/v1/health.proto'),
    ],
    loader: protoLoaderOptions,
    maxReceiveMessageLength: 4 * 1024 * 1024,
  };
}
