/**
 * Checks an IPN the way Amazon's SDKs check an SNS notification (spec v1 §6.3, v2 §10.3), for
 * merchants' own tests and localpay's: required keys, SignatureVersion, a SigningCertURL that is
 * https and ends in .pem on an accepted host, the certificate's subject, and the SHA1withRSA
 * (SignatureVersion 1) or SHA256withRSA (2) signature over the canonical string. Like the SDKs, it
 * does not check the certificate chain: who may serve certificates is decided by the host rule.
 */
import { X509Certificate, createVerify } from 'node:crypto';
import https from 'node:https';
import http from 'node:http';
import { ownEntry } from '../domain/shared/own-entry.js';

/** Amazon's rule for SigningCertURL hosts (every SDK applies it). */
export const SNS_CERT_HOST = /^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;

export interface IpnVerificationOptions {
  /** Returns the PEM at SigningCertURL; by default it is fetched (and cached per URL). */
  readonly fetchCertificate?: ((url: string) => Promise<string>) | undefined;
  /** CA certificates (PEM) to trust when fetching over https, such as localpay's tls/ca.pem. */
  readonly ca?: string | undefined;
  /** Accepted SigningCertURL hosts: any host by default; SNS_CERT_HOST is Amazon's own rule. */
  readonly certHost?: RegExp | undefined;
  /** SNS wants https; allow http (a plain-HTTP localpay in a test). Default false. */
  readonly allowHttpCertUrl?: boolean | undefined;
  /** The PHP and Ruby SDKs insist on CN=sns.amazonaws.com. Default true. */
  readonly requireSnsCommonName?: boolean | undefined;
}

export interface VerifiedIpn {
  readonly envelope: Readonly<Record<string, string>>;
  /** The inner Message, parsed: the v2 JSON message or the v1 one with NotificationData XML. */
  readonly message: Readonly<Record<string, unknown>>;
}

export class IpnVerificationError extends Error {
  override readonly name = 'IpnVerificationError';
}

const REQUIRED = [
  'Message',
  'MessageId',
  'Timestamp',
  'TopicArn',
  'Type',
  'Signature',
  'SignatureVersion',
  'SigningCertURL',
];
const SIGNED = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
} as const;

const fail = (why: string): never => {
  throw new IpnVerificationError(why);
};

/** The canonical string SNS signs: `key\nvalue\n` for the type's keys present, in order. */
export function snsStringToSign(envelope: Readonly<Record<string, string>>): string {
  const keys = ownEntry(SIGNED, String(envelope.Type)) ?? fail(`Unknown Type '${envelope.Type}'.`);
  return keys
    .filter((key) => envelope[key] !== undefined)
    .map((key) => `${key}\n${envelope[key]}\n`)
    .join('');
}

const certificates = new Map<string, Promise<string>>();

function download(url: string, ca: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, { ...(ca ? { ca } : {}), timeout: 10_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(text)
          : reject(new IpnVerificationError(`SigningCertURL answered ${response.statusCode}.`)),
      );
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

/** Downloads are cached per URL and CA, as the SDKs cache certificates. */
function cachedDownload(url: string, ca: string | undefined): Promise<string> {
  const key = `${url}\n${ca ?? ''}`;
  let pem = certificates.get(key);
  if (pem === undefined) {
    pem = download(url, ca);
    certificates.set(key, pem);
    pem.catch(() => certificates.delete(key));
  }
  return pem;
}

function parseEnvelope(body: string | object): Record<string, string> {
  let parsed: unknown = body;
  if (typeof body === 'string')
    try {
      parsed = JSON.parse(body);
    } catch {
      fail('The body is not JSON.');
    }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    fail('The body is not a JSON object.');
  const envelope = parsed as Record<string, unknown>;
  for (const key of REQUIRED)
    if (typeof envelope[key] !== 'string') fail(`The envelope has no string '${key}'.`);
  return envelope as Record<string, string>;
}

function checkCertUrl(raw: string, options: IpnVerificationOptions): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`SigningCertURL '${raw}' is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(options.allowHttpCertUrl && url.protocol === 'http:'))
    fail(`SigningCertURL '${raw}' is not https.`);
  if (!url.pathname.endsWith('.pem')) fail(`SigningCertURL '${raw}' does not end in .pem.`);
  if (options.certHost && !options.certHost.test(url.hostname))
    fail(`SigningCertURL host '${url.hostname}' is not an accepted host.`);
}

export async function verifyIpn(
  body: string | object,
  options: IpnVerificationOptions = {},
): Promise<VerifiedIpn> {
  const envelope = parseEnvelope(body);
  const version = envelope.SignatureVersion;
  if (version !== '1' && version !== '2') fail(`Unsupported SignatureVersion '${version}'.`);
  checkCertUrl(envelope.SigningCertURL ?? '', options);
  const url = envelope.SigningCertURL ?? '';
  const certificate = new X509Certificate(
    await (options.fetchCertificate
      ? options.fetchCertificate(url)
      : cachedDownload(url, options.ca)),
  );
  if (
    options.requireSnsCommonName !== false &&
    !/(^|\n)CN=sns\.amazonaws\.com($|\n)/.test(certificate.subject)
  )
    fail(
      `The signing certificate's subject is '${certificate.subject}', not CN=sns.amazonaws.com.`,
    );
  const verifier = createVerify(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  verifier.update(snsStringToSign(envelope), 'utf8');
  if (!verifier.verify(certificate.publicKey, envelope.Signature ?? '', 'base64'))
    fail('The signature does not verify against the signing certificate.');
  let message: unknown;
  try {
    message = JSON.parse(envelope.Message ?? '');
  } catch {
    return fail('Message is not JSON.');
  }
  return { envelope, message: message as Record<string, unknown> };
}
