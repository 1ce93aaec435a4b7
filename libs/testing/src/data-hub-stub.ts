import { createServer } from 'node:http';
import { freePort } from './free-port.js';

export interface DataHubStub {
  /** http://127.0.0.1:<port>; peers announce `<url>/<name>` as their DataHub URL. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A DataHub on 127.0.0.1 that passes sync-peer selection's health check (any path ending in
 * `/bestblockheader` answers 200, everything else 404).
 */
export async function startDataHubStub(): Promise<DataHubStub> {
  const server = createServer((request, response) => {
    response.statusCode = request.url?.endsWith('/bestblockheader') ? 200 : 404;
    response.end();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
