// Container health check: GET <path> (default /health/liveness) on the port the service
// really listens on, read from the same setting the service reads (env, settings file or
// default), so overriding the port never breaks the check. Exit 0 on HTTP 2xx, 1 otherwise.
//   node deploy/docker/healthcheck.mjs <listen setting> [path] [--https-if-secure]
// --https-if-secure: the server speaks HTTPS when securityLevelHTTP > 0 (ws-gateway); its
// certificate is not verified, the check only asks whether the process answers.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loadSettings } from '@teranode-p2p/config';

const args = process.argv.slice(2);
const httpsIfSecure = args.includes('--https-if-secure');
const [key, path = '/health/liveness'] = args.filter((arg) => !arg.startsWith('--'));
const TIMEOUT_MS = 2_500;

function get(url, secure) {
  return new Promise((resolve, reject) => {
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, { timeout: TIMEOUT_MS, rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer in ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

try {
  const settings = loadSettings({ only: [key, 'securityLevelHTTP'] });
  const address = settings[key];
  if (address?.port === undefined) throw new Error(`${key} is not a listen address setting`);
  const secure = httpsIfSecure && settings.securityLevelHTTP > 0;
  const host = ['', '0.0.0.0', '::'].includes(address.host) ? '127.0.0.1' : address.host;
  const url = `${secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}${path}`;
  const status = await get(url, secure);
  if (status < 200 || status > 299) throw new Error(`${url} answered HTTP ${status}`);
  process.exit(0);
} catch (error) {
  console.error(`healthcheck: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
