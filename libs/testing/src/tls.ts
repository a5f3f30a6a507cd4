import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * A throwaway certificate authority made with openssl (as scripts/infra/kafka.sh makes the broker's): its PEM
 * certificate's path, in `dir` (default a new temporary directory). For tests of TLS settings and of a client that
 * trusts the wrong CA.
 */
export function makeTestCa(dir = mkdtempSync(join(tmpdir(), 'test-ca-')), name = 'readmission test CA'): string {
  const pem = join(dir, 'test-ca.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      join(dir, 'test-ca.key'),
      '-out',
      pem,
    ],
    { stdio: 'ignore' },
  );
  return pem;
}
