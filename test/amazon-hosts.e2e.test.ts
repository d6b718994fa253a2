import { spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMAZON_HOSTNAMES } from '../src/config/amazon-hosts.js';
import { waitForBanner } from './support/child-output.js';
import {
  createNetworkNamespace,
  NETNS_REQUIRED,
  type NetworkNamespace,
} from './support/network-namespace.js';

/**
 * The Amazon host-name mode (docs/amazon-hosts.md) as a user sets it up: `localpay hosts` fills
 * the hosts file of a network namespace this test creates, `localpay trust` creates the CA,
 * `localpay start --amazon-hosts` serves 443 inside the namespace, and the guides' host-mode
 * programs run there: the official Node v2 SDK and `amazon-payments` on their built-in endpoints
 * (pay-api.amazon.eu, mws-eu.amazonservices.com, api.sandbox.amazon.com, and the IPN certificate
 * from sns.us-east-1.amazonaws.com), trusting the CA through NODE_EXTRA_CA_CERTS only.
 */
const cli = (args: string[], env: Record<string, string> = {}): string => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`localpay ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

const hostsFile = `127.0.0.1 localhost\n::1 localhost\n${cli(['hosts'])}`;
const created = createNetworkNamespace(hostsFile);
const namespace = 'unavailable' in created ? null : created;
const SKIP_MESSAGE = `Amazon host-name tests skipped: ${'unavailable' in created ? created.unavailable : ''}. CI requires them (LOCALPAY_REQUIRE_NETNS=1).`;
if (namespace === null && !NETNS_REQUIRED) console.warn(SKIP_MESSAGE);
// Also when no test of the file runs (a name filter): the namespace never outlives the worker.
process.once('exit', () => namespace?.close());

describe.skipIf(namespace === null && !NETNS_REQUIRED)('the Amazon host-name mode', () => {
  let ns: NetworkNamespace;
  let dataDir: string;
  let localpay: ChildProcess | undefined;
  let programEnv: Record<string, string>;

  beforeAll(async () => {
    if (namespace === null) throw new Error(SKIP_MESSAGE.replace('skipped', 'cannot run'));
    ns = namespace;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'localpay-hosts-'));
    // `trust` creates the CA before the first start, as when building an image.
    const trust = cli(['trust', '--data-dir', dataDir]);
    const caPath = path.join(dataDir, 'tls', 'ca.pem');
    expect(trust).toContain(`NODE_EXTRA_CA_CERTS=${caPath}`);
    expect(trust).toContain('keytool -importcert');
    localpay = ns.spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'start', '--amazon-hosts'],
      { LOCALPAY_DATA_DIR: dataDir, LOCALPAY_HTTP_PORT: '8080', LOCALPAY_LOG_LEVEL: 'silent' },
    );
    const field = await waitForBanner(localpay, 'Widgets.js', 60_000);
    expect(field('HTTPS API \\(overrideServiceUrl\\)')).toBe('127.0.0.1:443');
    programEnv = {
      NODE_EXTRA_CA_CERTS: caPath,
      LOCALPAY_HTTP_URL: field('HTTP \\(browsers, admin, tools\\)'),
      AMAZON_PAY_MERCHANT_ID: field('merchantId'),
      AMAZON_PAY_STORE_ID: field('storeId'),
      AMAZON_PAY_PUBLIC_KEY_ID: field('publicKeyId'),
      AMAZON_PAY_PRIVATE_KEY: field('privateKey'),
      MWS_ACCESS_KEY: field('AccessKey'),
      MWS_SECRET_KEY: field('SecretKey'),
    };
  }, 120_000);

  afterAll(async () => {
    if (localpay && localpay.exitCode === null) {
      const gone = new Promise((done) => localpay?.once('exit', done));
      localpay.kill('SIGTERM');
      await gone;
    }
    namespace?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a certificate that names every Amazon host', () => {
    const cert = new X509Certificate(readFileSync(path.join(dataDir, 'tls', 'server.pem')));
    for (const host of AMAZON_HOSTNAMES) expect(cert.checkHost(host), host).toBe(host);
  });

  it('is refused by a client that does not trust the CA', async () => {
    const probe = await ns.run(
      process.execPath,
      [
        '-e',
        "fetch('https://pay-api.amazon.eu/v2/checkoutSessions/x').catch((e) => { console.log(e.cause.code); })",
      ],
      { ...programEnv, NODE_EXTRA_CA_CERTS: '' },
    );
    expect(probe.stdout.trim()).toMatch(
      /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/,
    );
  });

  it('runs seed 004 with the official Node v2 SDK on its default endpoint', async () => {
    const result = await ns.run(
      process.execPath,
      ['--import', 'tsx', 'test/support/run-doc-snippets.ts', 'docs/sdks/node-v2.md', 'host-mode'],
      programEnv,
      120_000,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('first month: 202, Captured');
    expect(result.stdout).toContain('renewal: 201, Captured');
    expect(result.stdout).toContain(
      'IPN verified: CHARGE STATE_CHANGE from https://sns.us-east-1.amazonaws.com/',
    );
  });

  it('runs seed 000 with amazon-payments on its SandboxEU environment', async () => {
    const result = await ns.run(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/support/run-doc-snippets.ts',
        'docs/sdks/amazon-payments.md',
        'host-mode',
      ],
      programEnv,
      120_000,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`token for ${programEnv.AMAZON_PAY_STORE_ID}`);
    expect(result.stdout).toContain(
      'buyer returned to https://shop.example/OrderConfirmed?AuthenticationStatus=Success',
    );
    expect(result.stdout).toContain('capture: Completed');
    expect(result.stdout).toContain('IPN verified: PaymentCapture Completed');
    // The Reports section on its built-in endpoint, https://mws-eu.amazonservices.com/.
    expect(result.stdout).toContain('report request: _SUBMITTED_');
  });
});
