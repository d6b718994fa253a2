import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { TestMerchant } from '../src/testing/test-platform.js';
import { idem, idempotencyKey, setUpSavedWallet } from './support/sdk-helpers.js';
import { signedFetcher } from './support/signed-fetch.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue "Saved Wallet charges", done-when 3: charges racing near a monthly limit never exceed it,
 * and 1,000 concurrent identical Create Charge requests with one key create one charge, on both
 * stores. Totals are read from the database.
 */
describe.each(BACKENDS)('charges under concurrency ($name)', (backend) => {
  let opened: OpenedBackend;
  let merchant: TestMerchant;
  let send: ReturnType<typeof signedFetcher>;
  let client: InstanceType<typeof sdk.WebStoreClient>;

  beforeAll(async () => {
    opened = await backend.open();
    merchant = await opened.platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...opened.platform.sdkConfig(merchant) });
    send = signedFetcher({ ...opened.platform.sdkConfig(merchant) }, opened.platform.caCertPath);
  });
  afterAll(() => opened.dispose());

  const charge = (chargePermissionId: string, amount: string, key = idempotencyKey()) =>
    send({
      method: 'POST',
      urlFragment: 'charges',
      payload: {
        chargePermissionId,
        chargeAmount: { amount, currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      headers: { 'x-amz-pay-idempotency-key': key },
    });

  it('200 concurrent charges near the monthly limit never exceed it', async () => {
    const permissionId = await setUpSavedWallet(client, opened.platform, merchant);
    await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '14000.00', currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => charge(permissionId, '10.00')),
    );
    const accepted = responses.filter((r) => r.status === 201).length;
    const refused = responses.filter(
      (r) => r.status === 400 && r.body.reasonCode === 'PeriodicAmountExceeded',
    ).length;
    expect(accepted).toBe(100);
    expect(refused).toBe(100);
    const total = await opened.count(
      "select sum(amount_minor) as total from charges where charge_permission_id = $1 and state = 'Captured'",
      permissionId,
    );
    expect(total).toBe(1_500_000);
  });

  it('1,000 concurrent identical Create Charge requests create one charge', async () => {
    const permissionId = await setUpSavedWallet(client, opened.platform, merchant);
    const key = idempotencyKey();
    const responses = await Promise.all(
      Array.from({ length: 1000 }, () => charge(permissionId, '1.00', key)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1000);
    expect(new Set(responses.map((r) => r.body.chargeId)).size).toBe(1);
    expect(
      await opened.count(
        'select count(*) as n from charges where charge_permission_id = $1',
        permissionId,
      ),
    ).toBe(1);
  }, 120_000);
});
