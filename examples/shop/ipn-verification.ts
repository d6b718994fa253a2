import { X509Certificate, createVerify } from 'node:crypto';
import https from 'node:https';

/**
 * Checks that an IPN really comes from Amazon Pay before acting on it. Amazon Pay posts IPNs as
 * Amazon SNS notifications: a JSON envelope whose `Signature` is SHA1withRSA (SignatureVersion 1)
 * over a canonical string of its fields, made with the key of the certificate at `SigningCertURL`.
 *
 * A production verifier pins the certificate's host to Amazon's SNS hosts
 * (/^sns\.[a-z0-9-]+\.amazonaws\.com$/) and trusts only the system's CAs. Against localpay the
 * certificate is served by localpay itself, over HTTPS issued by localpay's own CA: the shop is
 * configured with that host and that CA (ShopConfig.amazonPay.ipn), and nothing else changes.
 */
export interface SnsEnvelope {
  readonly Type: string;
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion: string;
  readonly Signature: string;
  readonly SigningCertURL: string;
  readonly Subject?: string;
}

export interface VerificationOptions {
  /** Hosts allowed to serve the signing certificate. */
  readonly certHost: RegExp;
  /** Extra CA to trust when downloading the certificate (localpay's); none in production. */
  readonly ca?: string | undefined;
}

export class InvalidIpn extends Error {
  override readonly name = 'InvalidIpn';
}

const REQUIRED = [
  'Type',
  'MessageId',
  'TopicArn',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
] as const;

/** SNS signs these fields of a Notification, in this order, as `name\nvalue\n` (Subject if present). */
const SIGNED_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;

export function stringToSign(envelope: SnsEnvelope): string {
  return SIGNED_FIELDS.filter((field) => envelope[field] !== undefined)
    .map((field) => `${field}\n${envelope[field]}\n`)
    .join('');
}

function parse(body: string): SnsEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidIpn('The body is not JSON.');
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  for (const field of REQUIRED)
    if (typeof record[field] !== 'string') throw new InvalidIpn(`No ${field} in the envelope.`);
  return record as unknown as SnsEnvelope;
}

/** Certificates are downloaded once per URL (Amazon rotates them rarely). */
const certificates = new Map<string, Promise<X509Certificate>>();

function download(url: string, ca: string | undefined): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    // rejectUnauthorized is explicit: the v2 SDK may have turned verification off process-wide.
    const request = https.get(url, { ca, rejectUnauthorized: true, timeout: 5_000 }, (response) => {
      let pem = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (pem += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200)
          return reject(new InvalidIpn(`SigningCertURL answered ${response.statusCode}.`));
        try {
          resolve(new X509Certificate(pem));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error('SigningCertURL timed out.')));
    request.on('error', reject);
  });
}

function certificate(url: string, ca: string | undefined): Promise<X509Certificate> {
  let cert = certificates.get(url);
  if (!cert) {
    cert = download(url, ca);
    certificates.set(url, cert);
    cert.catch(() => certificates.delete(url));
  }
  return cert;
}

/** Answers the verified envelope, or throws InvalidIpn. */
export async function verifyIpn(body: string, options: VerificationOptions): Promise<SnsEnvelope> {
  const envelope = parse(body);
  if (envelope.Type !== 'Notification') throw new InvalidIpn(`Unexpected Type ${envelope.Type}.`);
  if (envelope.SignatureVersion !== '1')
    throw new InvalidIpn(`Unsupported SignatureVersion ${envelope.SignatureVersion}.`);
  const url = URL.canParse(envelope.SigningCertURL) ? new URL(envelope.SigningCertURL) : null;
  if (!url || url.protocol !== 'https:' || !url.pathname.endsWith('.pem'))
    throw new InvalidIpn('SigningCertURL must be an https URL of a .pem file.');
  if (!options.certHost.test(url.hostname))
    throw new InvalidIpn(`SigningCertURL host ${url.hostname} is not trusted.`);
  const cert = await certificate(url.toString(), options.ca);
  if (!/(^|\n)CN=sns\.amazonaws\.com(\n|$)/.test(cert.subject))
    throw new InvalidIpn('The signing certificate is not issued to sns.amazonaws.com.');
  const verifier = createVerify('RSA-SHA1');
  verifier.update(stringToSign(envelope), 'utf8');
  if (!verifier.verify(cert.publicKey, envelope.Signature, 'base64'))
    throw new InvalidIpn('The signature does not match.');
  return envelope;
}
