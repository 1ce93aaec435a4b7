import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * A throwaway RSA certificate for 127.0.0.1 and localhost (openssl, one day), written as
 * cert.pem and key.pem into `dir`, for the TLS tests.
 */
export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost']
      .concat(['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'])
      .concat(['-keyout', key, '-out', cert]),
    { stdio: 'ignore' },
  );
  return { cert, key };
}
