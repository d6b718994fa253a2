import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { browserTab, inputValue } from './support/browser-tab.js';
import { program } from './support/doc-snippets.js';
import { idem, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue 14 point 6 in the console: an object's page offers a button per state it can be forced to
 * from where it is, each a form POST with the page's CSRF token; the change lands in the timeline
 * with the console as its cause, and a target the object cannot take is refused without a write.
 */
describe('forcing a state from the console', () => {
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: WebStoreClient;

  beforeAll(async () => {
    platform = await createTestPlatform();
    merchant = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
  });
  afterAll(() => platform.close());

  async function pendingCharge(): Promise<string> {
    const permission = await setUpSavedWallet(client, platform, merchant);
    const created = await client.createCharge(
      {
        chargePermissionId: permission,
        chargeAmount: { amount: '9.00', currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        canHandlePendingAuthorization: true,
        captureNow: false,
      },
      idem({ 'x-amz-pay-simulation-code': 'AuthorizationInitiated' }),
    );
    return String(created.data.chargeId);
  }

  it('shows the reachable targets, forces one with the CSRF token, and records the console', async () => {
    const id = await pendingCharge();
    const tab = browserTab(platform.httpUrl);
    const path = `/console/objects/charges/${id}`;
    const page = await tab(path);
    expect(page.status).toBe(200);
    const offered = [...page.text.matchAll(/data-testid="force-([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual([
      'Authorized',
      'Declined/SoftDeclined',
      'Declined/HardDeclined',
      'Declined/AmazonRejected',
      'Declined/ProcessingFailure',
      'Declined/TransactionTimedOut',
    ]);

    // Without this browser's token nothing happens.
    const forged = await tab(`${path}/force`, { csrf: 'forged', target: 'Authorized' });
    expect(forged.status).toBe(403);
    expect((await client.getCharge(id)).data.statusDetails).toMatchObject({
      state: 'AuthorizationInitiated',
    });

    const forced = await tab(`${path}/force`, {
      csrf: inputValue(page.text, 'csrf'),
      target: 'Declined/ProcessingFailure',
    });
    expect(forced).toMatchObject({ status: 303, location: path });
    expect((await client.getCharge(id)).data.statusDetails).toMatchObject({
      state: 'Declined',
      reasonCode: 'ProcessingFailure',
    });
    const after = await tab(path);
    expect(after.text).toContain('console: forced Declined/ProcessingFailure (console)');
    // Declined is final: no button is left.
    expect(after.text).not.toContain('Force a state');

    const refused = await tab(`${path}/force`, {
      csrf: inputValue(page.text, 'csrf'),
      target: 'Authorized',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`The Charge ${id} is Declined: no state can be forced from it.`);
  });

  it('offers a dispute on a captured charge and opens it like the admin API', async () => {
    const receiver = await platform.receiveIpns(merchant.merchantId);
    const id = await pendingCharge();
    const tab = browserTab(platform.httpUrl);
    const path = `/console/objects/charges/${id}`;
    const token = inputValue((await tab(path)).text, 'csrf');
    expect(await tab(`${path}/force`, { csrf: token, target: 'Authorized' })).toMatchObject({
      status: 303,
    });
    await client.captureCharge(
      id,
      { captureAmount: { amount: '9.00', currencyCode: 'USD' } },
      idem(),
    );
    const captured = await tab(path);
    expect([...captured.text.matchAll(/data-testid="force-([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Dispute',
    ]);
    expect(
      await tab(`${path}/force`, { csrf: inputValue(captured.text, 'csrf'), target: 'Dispute' }),
    ).toMatchObject({ status: 303 });
    // The dispute is notified as the admin API's is (back-office/dispute-effects.ts).
    const notified = await receiver.waitFor((all) =>
      all.some((ipn) => String(ipn.envelope?.Message).includes('"ObjectType":"CHARGEBACK"')),
    );
    expect(notified.length).toBeGreaterThan(0);
    const disputes = await fetch(
      `${platform.httpUrl}/_localpay/merchants/${merchant.merchantId}/objects/charges/${id}/force`,
    );
    expect(await disputes.json()).toMatchObject({ state: 'Captured', targets: ['Dispute'] });
    const timeline = (await tab(path)).text;
    expect(timeline).toContain('console: forced Authorized (console)');
  });

  it('runs the admin API example of docs/console.md', async () => {
    const chargeId = await pendingCharge();
    const printed: string[] = [];
    const log = (...values: unknown[]) => printed.push(values.map(String).join(' '));
    // The page's `run:force` blocks, with the names they use bound to this platform's values.
    const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<unknown>;
    const example = new AsyncFunction(
      'httpUrl',
      'merchantId',
      'chargeId',
      'console',
      program('docs/console.md', 'force'),
    );
    await example(platform.httpUrl, merchant.merchantId, chargeId, { log });
    expect(printed).toEqual([
      'AuthorizationInitiated Authorized Declined/SoftDeclined Declined/HardDeclined Declined/AmazonRejected Declined/ProcessingFailure Declined/TransactionTimedOut',
      '200 Declined ProcessingFailure',
    ]);
    expect((await client.getCharge(chargeId)).data.statusDetails).toMatchObject({
      state: 'Declined',
      reasonCode: 'ProcessingFailure',
    });
  });
});
