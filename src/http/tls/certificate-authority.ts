/**
 * Certificate generation for localpay's own local CA and the HTTPS server certificate it
 * signs. Pure crypto, no file IO: tls-material.ts decides when to call these and where the
 * results live.
 *
 * Keys are ECDSA P-256: generation is near-instant (RSA-2048 takes ~100 ms and more under load)
 * and Node TLS, OpenSSL, curl, browsers and the JVM all accept P-256 server certificates.
 *
 * Callers import this module dynamically, only when a certificate must be made: @peculiar/x509
 * and its dependencies take a large share of start-up, and a start with an existing data folder
 * needs none of them (issue 16, cold start).
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type X509Module = typeof x509;
type CryptoKey = webcrypto.CryptoKey;

/** The names a server certificate must carry in its subjectAltName. */
export interface SubjectNames {
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
// Backdate notBefore so a client whose clock runs slightly behind still accepts a fresh cert.
const CLOCK_SKEW_MS = 60 * 60 * 1000;
const CA_VALIDITY_DAYS = 3650;
// 825 days is the longest server-cert validity Apple platforms accept, even from a private CA.
export const SERVER_VALIDITY_DAYS = 825;
const CA_SUBJECT = 'CN=localpay local CA';
const SERVER_SUBJECT = 'CN=localhost';

// @peculiar/x509 v2 resolves its services through tsyringe, which needs the Reflect metadata API.
x509.cryptoProvider.set(webcrypto);

function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

async function privateKeyToPem(x509: X509Module, key: CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

/** A positive 128-bit serial: RFC 5280 wants serials unique per CA and at most 20 octets. */
function randomSerialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01; // clear the sign bit, avoid a leading zero octet
  return Buffer.from(bytes).toString('hex');
}

function validity(now: Date, days: number): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) };
}

/** Creates the self-signed root that users add to their trust stores. */
export async function createCertificateAuthority(now: Date): Promise<PemPair> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: CA_SUBJECT,
    ...validity(now, CA_VALIDITY_DAYS),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      // pathLength 0: this CA only ever signs leaf certificates, never other CAs.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyToPem(x509, keys.privateKey) };
}

/** The CA's own key id, so the server cert's authorityKeyIdentifier matches it exactly. */
async function authorityKeyId(
  x509: X509Module,
  caCert: x509.X509Certificate,
): Promise<x509.Extension> {
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski !== null) return new x509.AuthorityKeyIdentifierExtension(ski.keyId);
  return x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey);
}

function subjectAltNames(x509: X509Module, names: SubjectNames): x509.Extension {
  return new x509.SubjectAlternativeNameExtension([
    ...names.dnsNames.map((value) => ({ type: x509.DNS, value })),
    ...names.ipAddresses.map((value) => ({ type: x509.IP, value })),
  ]);
}

async function importCaKey(ca: PemPair): Promise<CryptoKey> {
  return webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(ca.keyPem),
    KEY_ALGORITHM,
    false,
    ['sign'],
  );
}

/** Issues a fresh server key and certificate signed by the given CA. */
export async function issueServerCertificate(
  ca: PemPair,
  names: SubjectNames,
  now: Date,
): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importCaKey(ca);
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: SERVER_SUBJECT,
    issuer: caCert.subject,
    ...validity(now, SERVER_VALIDITY_DAYS),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // ECDSA keys sign the handshake; keyEncipherment only applies to RSA key transport.
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      subjectAltNames(x509, names),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await authorityKeyId(x509, caCert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyToPem(x509, keys.privateKey) };
}

const SIGNING_KEY_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

/**
 * Issues localpay's IPN signing pair (ipn/signing-material.ts): an RSA-2048 key, since SNS
 * SignatureVersion 1 is SHA1withRSA, and a leaf certificate with the given subject, signed by the
 * CA. Answers the private key and the certificate as one PEM text.
 */
export async function issueSigningCertificate(
  ca: PemPair,
  subject: string,
  validityDays: number,
  now: Date,
): Promise<string> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importCaKey(ca);
  const keys = await webcrypto.subtle.generateKey(SIGNING_KEY_ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject,
    issuer: caCert.subject,
    ...validity(now, validityDays),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return `${await privateKeyToPem(x509, keys.privateKey)}\n${cert.toString('pem')}\n`;
}
