import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from '../http/tls/tls-material.js';
import {
  IpnVerificationError,
  SNS_CERT_HOST,
  verifyIpn,
  type IpnVerificationOptions,
} from '../testing/ipn-verification.js';
import { ensureIpnSigningMaterial, type IpnSigningMaterial } from './signing-material.js';
import {
  signEnvelope,
  signEnvelopeOffThread,
  stringToSign,
  withBadSignature,
  type UnsignedEnvelope,
} from './sns-envelope.js';

/**
 * SNS SignatureVersion 1 as localpay signs it and as Amazon's SDKs check it (spec v1 §6.3):
 * the canonical string, SHA1withRSA with localpay's own key, and the verification helper's rules.
 */
let dataDir = '';
let signing: IpnSigningMaterial;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-ipn-sign-'));
  await ensureTlsMaterial(path.join(dataDir, 'tls'), []);
  signing = await ensureIpnSigningMaterial(dataDir);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const unsigned = (overrides: Partial<UnsignedEnvelope> = {}): UnsignedEnvelope => ({
  Type: 'Notification',
  MessageId: '0233a8db-bd21-547d-baff-e6112b06bfed',
  TopicArn: 'arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9',
  Message: '{"NotificationVersion":"V2"}',
  Timestamp: '2015-11-21T15:55:19.625Z',
  SigningCertURL: 'https://127.0.0.1:8443/_localpay/ipn/signing-cert.pem',
  UnsubscribeURL:
    'https://127.0.0.1:8443/_localpay/ipn/unsubscribe?Action=Unsubscribe&SubscriptionArn=x',
  ...overrides,
});

const withCert = (options: IpnVerificationOptions = {}): IpnVerificationOptions => ({
  fetchCertificate: () => Promise.resolve(signing.certPem),
  ...options,
});

describe('signing', () => {
  it('signs Message, MessageId, Timestamp, TopicArn and Type in that order', () => {
    expect(stringToSign(unsigned())).toBe(
      'Message\n{"NotificationVersion":"V2"}\n' +
        'MessageId\n0233a8db-bd21-547d-baff-e6112b06bfed\n' +
        'Timestamp\n2015-11-21T15:55:19.625Z\n' +
        'TopicArn\narn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9\n' +
        'Type\nNotification\n',
    );
  });

  it('produces a SHA1withRSA signature that node:crypto verifies with the certificate', () => {
    const envelope = signEnvelope(unsigned(), signing.privateKey);
    expect(envelope.SignatureVersion).toBe('1');
    expect(Object.keys(envelope)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
    ]);
    const verifier = createVerify('RSA-SHA1');
    verifier.update(stringToSign(envelope));
    expect(verifier.verify(signing.certPem, envelope.Signature, 'base64')).toBe(true);
  });

  it('signs the same off the event loop (PKCS#1 v1.5 is deterministic: retries are identical)', async () => {
    expect(await signEnvelopeOffThread(unsigned(), signing.privateKey)).toEqual(
      signEnvelope(unsigned(), signing.privateKey),
    );
  });

  it('keeps one key across starts, and concurrent first starts agree on it', async () => {
    expect((await ensureIpnSigningMaterial(dataDir)).certPem).toBe(signing.certPem);
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'localpay-ipn-sign-'));
    try {
      await ensureTlsMaterial(path.join(fresh, 'tls'), []);
      const all = await Promise.all([1, 2, 3].map(() => ensureIpnSigningMaterial(fresh)));
      expect(new Set(all.map((material) => material.certPem)).size).toBe(1);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});

describe('verifying as the SNS rules say', () => {
  it('accepts a genuine envelope and parses its message', async () => {
    const envelope = signEnvelope(unsigned(), signing.privateKey);
    const verified = await verifyIpn(JSON.stringify(envelope), withCert());
    expect(verified.message).toEqual({ NotificationVersion: 'V2' });
  });

  it.each([
    ['a flipped signature bit', (e: Record<string, string>) => withBadSignature(e as never)],
    ['a changed message', (e: Record<string, string>) => ({ ...e, Message: '{}' })],
    [
      'a changed timestamp',
      (e: Record<string, string>) => ({ ...e, Timestamp: '2016-01-01T00:00:00.000Z' }),
    ],
    ['SignatureVersion 3', (e: Record<string, string>) => ({ ...e, SignatureVersion: '3' })],
    ['no MessageId', ({ MessageId: _id, ...e }: Record<string, string>) => e],
    [
      'an http SigningCertURL',
      (e: Record<string, string>) => ({ ...e, SigningCertURL: 'http://127.0.0.1/c.pem' }),
    ],
    [
      'a SigningCertURL not ending in .pem',
      (e: Record<string, string>) => ({ ...e, SigningCertURL: 'https://127.0.0.1/c.crt' }),
    ],
  ])('refuses %s', async (_name, tamper) => {
    const envelope = signEnvelope(unsigned(), signing.privateKey) as unknown as Record<
      string,
      string
    >;
    await expect(verifyIpn(tamper(envelope), withCert())).rejects.toBeInstanceOf(
      IpnVerificationError,
    );
  });

  it("applies Amazon's host rule when asked to", async () => {
    const local = signEnvelope(unsigned(), signing.privateKey);
    await expect(verifyIpn(local, withCert({ certHost: SNS_CERT_HOST }))).rejects.toThrow(/host/);
    const amazonLike = signEnvelope(
      unsigned({
        SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem',
      }),
      signing.privateKey,
    );
    await expect(
      verifyIpn(amazonLike, withCert({ certHost: SNS_CERT_HOST })),
    ).resolves.toBeDefined();
  });

  it('wants the certificate issued to sns.amazonaws.com, as the PHP and Ruby SDKs do', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const envelope = signEnvelope(unsigned(), privateKey);
    const ca = (await import('node:fs/promises')).readFile(
      path.join(dataDir, 'tls', 'ca.pem'),
      'utf8',
    );
    // localpay's CA certificate is no signing certificate: wrong subject (and wrong key).
    await expect(verifyIpn(envelope, { fetchCertificate: () => ca })).rejects.toThrow(
      /CN=sns\.amazonaws\.com/,
    );
  });
});
