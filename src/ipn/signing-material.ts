/**
 * localpay's IPN signing key and certificate. SNS SignatureVersion 1 is SHA1withRSA, so the key is
 * RSA-2048 (the TLS keys are ECDSA). The certificate says CN=sns.amazonaws.com, which the PHP and
 * Ruby SDKs require of the signing certificate (spec v1 §6.3), and is issued by localpay's local
 * CA (tls/ca.pem) rather than self-signed: a verifier that does check the chain then needs to trust
 * one certificate, the one its HTTPS client already trusts for localpay.
 *
 * Key and certificate share one file, created with link() so that processes starting together on a
 * shared data folder all end up signing with the same pair (the first one written wins).
 */
import {
  X509Certificate,
  createHash,
  createPrivateKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { issueSigningCertificate } from '../http/tls/certificate-maker.js';

export interface IpnSigningMaterial {
  readonly certPem: string;
  readonly privateKey: KeyObject;
  /** SHA-1 of the DER certificate, hex: names the certificate in its URL like SNS does. */
  readonly fingerprint: string;
  readonly file: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const VALIDITY_DAYS = 3650;
const RENEW_BEFORE_MS = 30 * DAY_MS;
const SUBJECT = 'CN=sns.amazonaws.com';

/** Made only when missing or unusable, on the certificate maker's worker (cold start, memory). */
function issue(caCertPem: string, caKeyPem: string, now: Date): Promise<string> {
  return issueSigningCertificate(
    { certPem: caCertPem, keyPem: caKeyPem },
    SUBJECT,
    VALIDITY_DAYS,
    now,
  );
}

function parse(
  file: string,
  text: string,
  caCertPem: string,
  now: Date,
): IpnSigningMaterial | null {
  try {
    const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
    if (certPem === undefined) return null;
    const privateKey = createPrivateKey(text);
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caCertPem);
    if (!cert.checkPrivateKey(privateKey) || !cert.checkIssued(ca) || !cert.verify(ca.publicKey))
      return null;
    if (Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_MS) return null;
    return {
      certPem: `${certPem}\n`,
      privateKey,
      fingerprint: createHash('sha1').update(cert.raw).digest('hex'),
      file,
    };
  } catch {
    return null;
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Loads the signing pair from `<dataDir>/ipn/`, issuing a new one when missing or unusable. */
export async function ensureIpnSigningMaterial(
  dataDir: string,
  now: Date = new Date(),
): Promise<IpnSigningMaterial> {
  const caCertPem = await readFile(path.join(dataDir, 'tls', 'ca.pem'), 'utf8');
  const caKeyPem = await readFile(path.join(dataDir, 'tls', 'ca-key.pem'), 'utf8');
  const dir = path.join(dataDir, 'ipn');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'signing-key-and-cert.pem');
  const existing = await readIfExists(file);
  if (existing !== undefined) {
    const usable = parse(file, existing, caCertPem, now);
    if (usable) return usable;
  }
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, await issue(caCertPem, caKeyPem, now), { mode: 0o600, flag: 'wx' });
  try {
    if (existing === undefined) await link(temp, file).catch(ignoreExists);
    else await rename(temp, file);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const written = parse(file, (await readIfExists(file)) ?? '', caCertPem, now);
  if (!written)
    throw new Error(`The IPN signing key in ${file} is unusable; delete it to reissue.`);
  return written;
}

function ignoreExists(error: unknown): void {
  if ((error as { code?: string }).code !== 'EEXIST') throw error;
}
