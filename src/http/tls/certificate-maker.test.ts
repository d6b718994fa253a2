import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The certificate maker as the compiled package runs it: on its worker thread. Vitest runs the
 * sources, where the maker works in-process (no compiled worker file), so this test compiles the
 * maker and its worker the way scripts/bundle.mjs does and drives them from a fresh node process.
 */
const run = promisify(execFile);
const here = import.meta.dirname;
let outdir = '';
let scripts = 0;

beforeAll(async () => {
  outdir = await mkdtemp(path.join(os.tmpdir(), 'localpay-certificate-maker-'));
  await build({
    entryPoints: {
      'certificate-maker': path.join(here, 'certificate-maker.ts'),
      'certificate-worker': path.join(here, 'certificate-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      js: "import { createRequire as localpayCreateRequire } from 'node:module'; const require = localpayCreateRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
});

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

/** Runs `body` as an ES module beside the compiled maker (imported as `maker`); answers its stdout JSON. */
async function inFreshProcess(body: string): Promise<Record<string, unknown>> {
  const script = path.join(outdir, `script-${++scripts}.mjs`);
  await writeFile(
    script,
    `import * as maker from './certificate-maker.mjs';
import { X509Certificate, createPrivateKey } from 'node:crypto';
${body}`,
  );
  // No process.exit in the script: the process ending by itself shows the worker let it go.
  const { stdout } = await run(process.execPath, [script], { timeout: 20_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('the certificate maker, compiled', () => {
  it('makes a CA, a server certificate and an IPN signing pair that verify, on a worker that ends', async () => {
    const result = await inFreshProcess(`
const now = new Date();
const ca = await maker.createCertificateAuthority(now);
const server = await maker.issueServerCertificate(ca, { dnsNames: ['localhost', 'pay.test'], ipAddresses: ['127.0.0.1'] }, now);
const signing = await maker.issueSigningCertificate(ca, 'CN=sns.amazonaws.com', 10, now);
const caCert = new X509Certificate(ca.certPem);
const serverCert = new X509Certificate(server.certPem);
const signingCert = new X509Certificate(/-----BEGIN CERTIFICATE-----[\\s\\S]+?-----END CERTIFICATE-----/.exec(signing)[0]);
console.log(JSON.stringify({
  caSelfSigned: caCert.checkIssued(caCert) !== undefined && caCert.verify(caCert.publicKey),
  caKeyMatches: caCert.checkPrivateKey(createPrivateKey(ca.keyPem)),
  serverIssued: serverCert.checkIssued(caCert) !== undefined && serverCert.verify(caCert.publicKey),
  serverKeyMatches: serverCert.checkPrivateKey(createPrivateKey(server.keyPem)),
  serverNames: serverCert.subjectAltName,
  signingIssued: signingCert.verify(caCert.publicKey),
  signingKeyMatches: signingCert.checkPrivateKey(createPrivateKey(signing)),
  signingSubject: signingCert.subject,
  // reflect-metadata (loaded by @peculiar/x509) adds Reflect.getMetadata where it is imported.
  x509InThisThread: typeof Reflect.getMetadata === 'function',
}));`);
    expect(result).toEqual({
      caSelfSigned: true,
      caKeyMatches: true,
      serverIssued: true,
      serverKeyMatches: true,
      serverNames: 'DNS:localhost, DNS:pay.test, IP Address:127.0.0.1',
      signingIssued: true,
      signingKeyMatches: true,
      signingSubject: 'CN=sns.amazonaws.com',
      x509InThisThread: false,
    });
  });

  it("rejects with the worker's error, and a later call starts a worker again", async () => {
    const result = await inFreshProcess(`
let message = null;
try {
  await maker.issueServerCertificate({ certPem: 'not a certificate', keyPem: 'nor a key' }, { dnsNames: ['localhost'], ipAddresses: [] }, new Date());
} catch (error) {
  message = error.message;
}
// Past the worker's linger, so this call needs a new one.
await new Promise((resolve) => setTimeout(resolve, 600));
const ca = await maker.createCertificateAuthority(new Date());
console.log(JSON.stringify({ message, made: new X509Certificate(ca.certPem).subject }));`);
    expect(result.message).toEqual(expect.any(String));
    expect(result.message).not.toBe('');
    expect(result.made).toBe('CN=localpay local CA');
  });
});
