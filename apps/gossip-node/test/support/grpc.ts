import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';

type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

/** Calls a unary method of a generated grpc-js client as a promise, optionally with x-api-key. */
export function unary<Req, Res>(
  client: object,
  method: string,
  request: Req,
  apiKey?: string,
): Promise<Res> {
  const metadata = new Metadata();
  if (apiKey !== undefined) metadata.set('x-api-key', apiKey);
  const fn = (client as Record<string, UnaryMethod<Req, Res>>)[method]!.bind(client);
  return new Promise((resolve, reject) =>
    fn(request, metadata, (error, response) => (error ? reject(error) : resolve(response))),
  );
}

export const insecure = () => credentials.createInsecure();
