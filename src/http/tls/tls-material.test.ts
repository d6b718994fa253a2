import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTlsMaterial, subjectNamesFor, type TlsMaterial } from './tls-material.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'localpay-tls-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A real HTTPS listener on loopback serving the material, closed after the test. */
async function startServer(material: TlsMaterial): Promise<number> {
  const server: Server = createServer(
    { cert: material.certPem, key: material.keyPem },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    },
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  return (server.address() as AddressInfo).port;
}

interface FetchOptions {
  readonly port: number;
  readonly ca: string;
  /** SNI name and the identity the client checks the certificate against. */
  readonly servername?: string;
}

/** GETs over a verifying TLS connection to 127.0.0.1; resolves with the status code. */
function httpsGet({ port, ca, servername }: FetchOptions): Promise<number> {
  return new Promise((done, fail) => {
    const request = get(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        ca,
        rejectUnauthorized: true,
        agent: false, // no pooled connections: each call performs its own handshake
        ...(servername === undefined ? {} : { servername, headers: { host: servername } }),
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      },
    );
    request.on('error', fail);
  });
}

function expectIssuedBy(certPem: string, caCertPem: string): void {
  const cert = new X509Certificate(certPem);
  const ca = new X509Certificate(caCertPem);
  // The same two checks `openssl verify -CAfile ca.pem server.pem` performs for a one-level chain.
  expect(cert.checkIssued(ca)).toBe(true);
  expect(cert.verify(ca.publicKey)).toBe(true);
  expect(ca.ca).toBe(true);
  expect(cert.ca).toBe(false);
}

describe('ensureTlsMaterial', () => {
  it('creates a CA and a server certificate that verifying clients accept', async () => {
    const dir = await tempDir();
    const material = await ensureTlsMaterial(dir, []);
    const port = await startServer(material);

    await expect(httpsGet({ port, ca: material.caCertPem, servername: 'localhost' })).resolves.toBe(
      200,
    );
    // No servername: Node checks the certificate against the IP it connected to.
    await expect(httpsGet({ port, ca: material.caCertPem })).resolves.toBe(200);
    expectIssuedBy(material.certPem, material.caCertPem);
  });

  it('writes the four files, with private keys readable only by the owner', async () => {
    const dir = await tempDir();
    const material = await ensureTlsMaterial(join(dir, 'nested', 'tls'), []);

    expect(isAbsolute(material.caCertPath)).toBe(true);
    expect(material.caCertPath).toBe(join(dir, 'nested', 'tls', 'ca.pem'));
    expect(material.keyPem).toContain('-----BEGIN PRIVATE KEY-----');
    // Newline-terminated, so `cat system-bundle.pem ca.pem` makes a bundle OpenSSL can read.
    expect(material.caCertPem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    expect(material.keyPem.endsWith('-----END PRIVATE KEY-----\n')).toBe(true);
    for (const key of ['ca-key.pem', 'server-key.pem']) {
      expect((await stat(join(dir, 'nested', 'tls', key))).mode & 0o777).toBe(0o600);
    }
    await expect(stat(join(dir, 'nested', 'tls', 'server.pem'))).resolves.toBeDefined();
  });

  it('gives the CA the subject and constraints a trust store expects', async () => {
    const material = await ensureTlsMaterial(await tempDir(), ['localpay.test']);
    const ca = new X509Certificate(material.caCertPem);
    const server = new X509Certificate(material.certPem);

    expect(ca.subject).toBe('CN=localpay local CA');
    expect(ca.issuer).toBe(ca.subject);
    expect(Date.parse(ca.validTo) - Date.now()).toBeGreaterThan(9 * 365 * DAY_MS);
    expect(server.subject).toBe('CN=localhost');
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // Node reports extendedKeyUsage here
    expect(server.subjectAltName).toContain('DNS:localpay.test');
  });

  it('reuses the files on later calls', async () => {
    const dir = await tempDir();
    // A wildcard and an IPv6 address exercise the SAN comparisons most likely to drift.
    const hostnames = ['localpay.test', '*.localpay.test', 'fe80::1'];
    const first = await ensureTlsMaterial(dir, hostnames);
    const second = await ensureTlsMaterial(dir, hostnames);

    expect(second).toEqual(first);
  });

  it('re-issues only the server certificate when a new hostname is requested', async () => {
    const dir = await tempDir();
    const first = await ensureTlsMaterial(dir, []);
    const second = await ensureTlsMaterial(dir, ['pay.localpay.test', '10.1.2.3']);

    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.certPem).not.toBe(first.certPem);
    expect(second.keyPem).not.toBe(first.keyPem);
    expectIssuedBy(second.certPem, first.caCertPem);
    const cert = new X509Certificate(second.certPem);
    expect(cert.checkHost('pay.localpay.test')).toBe('pay.localpay.test');
    expect(cert.checkIP('10.1.2.3')).toBe('10.1.2.3');

    // A client that trusted the original CA still connects under the new name.
    const port = await startServer(second);
    await expect(
      httpsGet({ port, ca: first.caCertPem, servername: 'pay.localpay.test' }),
    ).resolves.toBe(200);
  });

  it('renews the server certificate within 30 days of expiry, keeping the CA', async () => {
    const dir = await tempDir();
    const first = await ensureTlsMaterial(dir, []);
    const notAfter = Date.parse(new X509Certificate(first.certPem).validTo);

    const before = await ensureTlsMaterial(dir, [], { now: new Date(notAfter - 31 * DAY_MS) });
    const within = await ensureTlsMaterial(dir, [], { now: new Date(notAfter - 29 * DAY_MS) });

    expect(before.certPem).toBe(first.certPem);
    expect(within.certPem).not.toBe(first.certPem);
    expect(within.caCertPem).toBe(first.caCertPem);
  });

  it('is rejected by a client that does not trust the CA', async () => {
    const trusted = await ensureTlsMaterial(await tempDir(), []);
    const stranger = await ensureTlsMaterial(await tempDir(), []);
    const port = await startServer(trusted);

    await expect(
      httpsGet({ port, ca: stranger.caCertPem, servername: 'localhost' }),
    ).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('is rejected for a hostname the certificate does not name', async () => {
    const material = await ensureTlsMaterial(await tempDir(), []);
    const port = await startServer(material);

    await expect(
      httpsGet({ port, ca: material.caCertPem, servername: 'elsewhere.test' }),
    ).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });
});

describe('subjectNamesFor', () => {
  it('always covers loopback and sorts names into DNS and IP entries', () => {
    expect(subjectNamesFor(['Pay.Example.TEST.', '[::1]', '192.168.1.5', 'localhost'])).toEqual({
      dnsNames: ['localhost', 'pay.example.test'],
      ipAddresses: ['127.0.0.1', '::1', '192.168.1.5'],
    });
  });

  it('rejects a name that is neither a hostname nor an IP', () => {
    expect(() => subjectNamesFor(['not a host'])).toThrow(TypeError);
  });
});
