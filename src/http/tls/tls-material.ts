/**
 * The TLS files localpay serves HTTPS with: a local CA that users trust once, and a server
 * certificate signed by it. The CA is created once per directory and then kept for good; the
 * server certificate is re-issued from it whenever it no longer fits, so clients that already
 * trust ca.pem keep working across restarts, new hostnames and renewals.
 *
 * Expiry is judged against the real wall clock, not localpay's injectable clock: TLS clients
 * check certificates against their own system time.
 */
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  createCertificateAuthority,
  issueServerCertificate,
  type PemPair,
  type SubjectNames,
} from './certificate-maker.js';

export interface TlsMaterial {
  caCertPath: string;
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

export interface EnsureTlsMaterialOptions {
  /** Wall-clock override for tests of the renewal window. Defaults to the system time. */
  readonly now?: Date;
}

const FILES = {
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
} as const;
type FileRole = keyof typeof FILES;

// Renew well before expiry so a long-running instance never serves an expired certificate.
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;
const ALWAYS_DNS = ['localhost'] as const;
const ALWAYS_IP = ['127.0.0.1', '::1'] as const;
// RFC 1123 labels, plus '_' (common in container hostnames) and one leading '*.' wildcard.
const DNS_NAME =
  /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export async function ensureTlsMaterial(
  dir: string,
  hostnames: readonly string[],
  options: EnsureTlsMaterialOptions = {},
): Promise<TlsMaterial> {
  const now = options.now ?? new Date();
  const names = subjectNamesFor(hostnames);
  const absDir = resolve(dir);
  // 0700: the directory holds private keys. Only applies when we create it.
  await mkdir(absDir, { recursive: true, mode: 0o700 });
  const path = (role: FileRole): string => resolve(absDir, FILES[role]);

  const ca = await loadOrCreateCa(path, now);
  const server = await loadOrIssueServer(path, ca, names, now);
  return {
    caCertPath: path('caCert'),
    caCertPem: ca.certPem,
    certPem: server.certPem,
    keyPem: server.keyPem,
  };
}

/** Splits requested hostnames into SAN DNS names and IPs, always covering loopback. */
export function subjectNamesFor(hostnames: readonly string[]): SubjectNames {
  const dnsNames = new Set<string>(ALWAYS_DNS);
  const ipAddresses = new Set<string>(ALWAYS_IP);
  for (const raw of hostnames) {
    // Accept URL-style '[::1]' and FQDN-style 'example.test.'.
    const host = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '');
    if (isIP(host) !== 0) ipAddresses.add(host);
    else if (host.length <= 253 && DNS_NAME.test(host)) dnsNames.add(host);
    else
      throw new TypeError(
        `TLS hostname is neither a DNS name nor an IP address: ${JSON.stringify(raw)}`,
      );
  }
  return { dnsNames: [...dnsNames], ipAddresses: [...ipAddresses] };
}

async function loadOrCreateCa(path: (role: FileRole) => string, now: Date): Promise<PemPair> {
  const [certPem, keyPem] = await Promise.all([
    readIfExists(path('caCert')),
    readIfExists(path('caKey')),
  ]);
  if (certPem !== undefined && keyPem !== undefined) {
    assertKeyMatches(certPem, keyPem, path('caCert'));
    return { certPem, keyPem };
  }
  if (certPem !== undefined || keyPem !== undefined) {
    // Never silently replace half a CA: users may trust ca.pem, and a new one would break them.
    throw new Error(
      `Incomplete local CA: ${path('caCert')} and ${path('caKey')} must both exist. ` +
        'Restore the missing file, or delete both to create a new CA (clients must then trust the new ca.pem).',
    );
  }
  const ca = await createCertificateAuthority(now);
  // Key first: a crash between the writes leaves no ca.pem, so the next start regenerates both.
  await writeAtomically(path('caKey'), ca.keyPem, 0o600);
  await writeAtomically(path('caCert'), ca.certPem, 0o644);
  return ca;
}

async function loadOrIssueServer(
  path: (role: FileRole) => string,
  ca: PemPair,
  names: SubjectNames,
  now: Date,
): Promise<PemPair> {
  const [certPem, keyPem] = await Promise.all([
    readIfExists(path('serverCert')),
    readIfExists(path('serverKey')),
  ]);
  if (
    certPem !== undefined &&
    keyPem !== undefined &&
    serverCertFits({ certPem, keyPem }, ca, names, now)
  ) {
    return { certPem, keyPem };
  }
  const server = await issueServerCertificate(ca, names, now);
  // A crash between these writes leaves a key/cert mismatch, which serverCertFits detects.
  await writeAtomically(path('serverKey'), server.keyPem, 0o600);
  await writeAtomically(path('serverCert'), server.certPem, 0o644);
  return server;
}

/** True when the existing server cert can be served as is. */
function serverCertFits(server: PemPair, ca: PemPair, names: SubjectNames, now: Date): boolean {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(server.certPem);
    if (!cert.checkPrivateKey(createPrivateKey(server.keyPem))) return false;
  } catch {
    return false; // unreadable files are simply replaced; they hold nothing users depend on
  }
  const caCert = new X509Certificate(ca.certPem);
  // The CA may have been replaced since this cert was issued; clients would then reject it.
  if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) return false;
  if (Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_MS) return false;
  if (Date.parse(cert.validFrom) > now.getTime()) return false;
  // Ask the same questions a TLS client asks, so matching rules (case, IPv6 forms) agree.
  return (
    names.dnsNames.every((name) => coversDnsName(cert, name)) &&
    names.ipAddresses.every((ip) => cert.checkIP(ip) !== undefined)
  );
}

function coversDnsName(cert: X509Certificate, name: string): boolean {
  // checkHost cannot be asked about a wildcard itself, so look for the literal SAN entry.
  if (name.startsWith('*.')) return sanDnsEntries(cert).includes(name);
  return cert.checkHost(name, { subject: 'never', wildcards: false }) !== undefined;
}

function sanDnsEntries(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length).toLowerCase());
}

function assertKeyMatches(certPem: string, keyPem: string, certPath: string): void {
  if (!new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem))) {
    throw new Error(
      `The local CA key does not match ${certPath}; restore the matching pair or delete both.`,
    );
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Write-then-rename, so a concurrent reader or a crash never sees a half-written PEM. */
async function writeAtomically(path: string, contents: string, mode: number): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  // The mode is set at creation, so a private key is never readable by others, even briefly.
  await writeFile(temp, contents, { mode, flag: 'wx' });
  await rename(temp, path);
}
