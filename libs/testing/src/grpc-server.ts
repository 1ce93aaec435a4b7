import { Server, ServerCredentials } from '@grpc/grpc-js';
import { freePort } from './free-port.js';

/** A real grpc-js server on 127.0.0.1 (on `port`, or a free one), serving what `setup` adds. */
export async function serveGrpc(
  setup: (server: Server) => void,
  port?: number,
): Promise<{ address: string; port: number; server: Server }> {
  const server = new Server();
  setup(server);
  const address = `127.0.0.1:${port ?? (await freePort())}`;
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  return { address, port: bound, server };
}
