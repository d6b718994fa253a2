import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuyer } from '../src/testing/buyer.js';
import { startIpnReceiver, type IpnReceiver } from '../src/testing/ipn-receiver.js';
import {
  defaultMerchantClient,
  startLocalpayProcess,
  type LocalpayProcess,
} from './support/localpay-process.js';
import { idem, setUpSavedWallet } from './support/sdk-helpers.js';

/**
 * Issue "IPN delivery", done-when 3: a notification committed by a localpay that is then killed
 * with SIGKILL before delivering it is delivered by the next start. Twice: killed before any
 * attempt (the first process does not dispatch, so the kill lands deterministically between
 * commit and delivery), and killed while its POST is in flight (the lease of the dead process runs
 * out and the next one delivers again).
 */
describe('IPN delivery across a killed localpay', () => {
  let dataDir = '';
  let receiver: IpnReceiver;
  let running: LocalpayProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-ipn-kill-'));
    receiver = await startIpnReceiver();
  });
  afterAll(async () => {
    await running?.kill();
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (dispatch: 'on' | 'off'): Promise<LocalpayProcess> => {
    running = await startLocalpayProcess({
      LOCALPAY_DATA_DIR: dataDir,
      LOCALPAY_DEFAULT_REGION: 'NA',
      LOCALPAY_IPN_DISPATCH: dispatch,
      LOCALPAY_IPN_TIMEOUT: '1s',
      LOCALPAY_IPN_POLL: '100',
    });
    return running;
  };

  /** A captured charge by the default merchant: one CHARGE notification committed. */
  async function chargeThrough(localpay: LocalpayProcess): Promise<string> {
    const { banner } = localpay;
    const client = defaultMerchantClient(banner);
    const permissionId = await setUpSavedWallet(
      client,
      { buyer: createBuyer(banner.httpUrl) },
      banner,
    );
    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '5.00', currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    expect(charge.status).toBe(201);
    return String(charge.data.chargeId);
  }

  const objectIdsReceived = (): string[] =>
    receiver.received.map(
      (ipn) => (JSON.parse(String(ipn.envelope?.Message)) as { ObjectId: string }).ObjectId,
    );

  it('delivers after a restart what a killed process committed but never sent', async () => {
    const first = await start('off');
    const response = await fetch(
      `${first.banner.httpUrl}/_localpay/merchants/${first.banner.merchantId}/ipn/endpoints/Sandbox`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url }),
      },
    );
    expect(response.status).toBe(200);
    const chargeId = await chargeThrough(first);
    await first.kill();
    expect(receiver.received).toHaveLength(0);

    await start('on');
    await receiver.waitFor(1, 10_000);
    expect(objectIdsReceived()).toEqual([chargeId]);
  }, 90_000);

  it('delivers again after a restart when the process died with the POST in flight', async () => {
    const localpay = running!;
    // The receiver takes the next request and never answers it.
    let hung = false;
    receiver.respondWith(() => {
      if (hung) return 200;
      hung = true;
      return new Promise<number>(() => undefined);
    });
    const before = receiver.received.length;
    const chargeId = await chargeThrough(localpay);
    await receiver.waitFor(before + 1, 10_000);
    await localpay.kill();

    // The dead process's lease (3 timeouts + 10 s) runs out, then the next process redelivers.
    const started = Date.now();
    await start('on');
    await receiver.waitFor(before + 2, 30_000);
    expect(Date.now() - started).toBeGreaterThan(5_000);
    const [first, second] = receiver.received.slice(before);
    expect(second?.messageId).toBe(first?.messageId);
    expect(objectIdsReceived().slice(before)).toEqual([chargeId, chargeId]);
  }, 90_000);
});
