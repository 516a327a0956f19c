import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface DevCertificate {
  /** PEM of the sandbox CA: what clients trust (`ca` option or NODE_EXTRA_CA_CERTS). */
  caPem: string;
  /** Server certificate for localhost, 127.0.0.1 and ::1, signed by the CA. */
  certPem: string;
  keyPem: string;
}

let cached: Promise<DevCertificate> | undefined;

/**
 * A throw-away CA plus a leaf certificate, generated once per process. A separate CA (rather than one
 * self-signed leaf) is what every TLS stack accepts as a trust anchor, mkcert-style, and lets one
 * NODE_EXTRA_CA_CERTS file cover any emulator restarted in the same process.
 */
export function getDevCertificate(): Promise<DevCertificate> {
  cached ??= createDevCertificate().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function createDevCertificate(): Promise<DevCertificate> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'Clarity Connector Sandbox CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, certPem: leaf.cert, keyPem: leaf.private };
}

/** Writes the CA to `<dir>/sandbox-ca.pem` for other processes: `NODE_EXTRA_CA_CERTS=<that path>`. */
export async function writeCaFile(dir: string): Promise<string> {
  const { caPem } = await getDevCertificate();
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'sandbox-ca.pem');
  await writeFile(path, caPem, 'utf8');
  return path;
}
