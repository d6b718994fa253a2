import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { connectV1 } from './support/mws-client.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue 11 point 4: Create Delivery Tracker through the official v2 SDK's deliveryTrackers (by
 * Charge Permission and by Order Reference), its error paths, the v1 client's
 * alexaDeliveryNotification path, and the trackers visible through the admin API.
 */
let platform: TestPlatform;
let merchant: TestMerchant;
let client: WebStoreClient;
let permissionId = '';

beforeAll(async () => {
  platform = await createTestPlatform();
  merchant = await platform.createMerchant({ region: 'NA' });
  client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
  permissionId = await setUpSavedWallet(client, platform, merchant);
});
afterAll(() => platform.close());

const trackers = async (objectId?: string) => {
  const query = objectId ? `?objectId=${encodeURIComponent(objectId)}` : '';
  const response = await fetch(
    `${platform.httpUrl}/_localpay/merchants/${merchant.merchantId}/delivery-trackers${query}`,
  );
  return ((await response.json()) as { deliveryTrackers: Record<string, unknown>[] })
    .deliveryTrackers;
};

describe('POST /v2/deliveryTrackers', () => {
  it('stores a tracker for a Charge Permission and answers it as sent', async () => {
    const payload = {
      chargePermissionId: permissionId,
      deliveryDetails: [{ trackingNumber: '1Z999AA10123456784', carrierCode: 'UPS' }],
    };
    const answer = await client.deliveryTrackers(payload, idem());
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual(payload);
    expect(await trackers(permissionId)).toEqual([
      expect.objectContaining({
        objectType: 'ChargePermission',
        objectId: permissionId,
        trackingNumber: '1Z999AA10123456784',
        carrierCode: 'UPS',
        environment: 'Sandbox',
      }),
    ]);
    // A retry with the same idempotency key is answered the same, and stores nothing new.
    const headers = idem();
    const first = await client.deliveryTrackers(
      { ...payload, deliveryDetails: [{ trackingNumber: 'RETRY-1', carrierCode: 'DHL' }] },
      headers,
    );
    const again = await client.deliveryTrackers(
      { ...payload, deliveryDetails: [{ trackingNumber: 'RETRY-1', carrierCode: 'DHL' }] },
      headers,
    );
    expect(again.data).toEqual(first.data);
    expect(await trackers(permissionId)).toHaveLength(2);
  });

  it('accepts the Charge Permission id as amazonOrderReferenceId, as the SDK documents', async () => {
    const answer = await client.deliveryTrackers({
      amazonOrderReferenceId: permissionId,
      deliveryDetails: [{ trackingNumber: '9400111899223197428490', carrierCode: 'USPS' }],
    });
    expect(answer.data).toMatchObject({ amazonOrderReferenceId: permissionId });
  });

  it("answers Amazon's errors and writes nothing", async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [
        { deliveryDetails: [{ trackingNumber: 'A1', carrierCode: 'UPS' }] },
        400,
        'InvalidParameterValue',
        /The amazonOrderReferenceId parameter is required/,
      ],
      [
        { chargePermissionId: permissionId },
        400,
        'InvalidParameterValue',
        /The deliveryDetails parameter is required/,
      ],
      [
        {
          chargePermissionId: 'B01-0000000-0000000',
          deliveryDetails: [{ trackingNumber: 'A2', carrierCode: 'UPS' }],
        },
        400,
        'InvalidParameterValue',
        /The chargePermissionId that you submitted in this request is invalid/,
      ],
      [
        {
          chargePermissionId: permissionId,
          deliveryDetails: [{ trackingNumber: 'A3', carrierCode: 'NOT_A_CARRIER' }],
        },
        400,
        'InvalidParameterValue',
        /trackingNumber or carrierCode that you submitted in this request is invalid/,
      ],
      [
        { chargePermissionId: permissionId, deliveryDetails: [{ carrierCode: 'UPS' }] },
        400,
        'InvalidParameterValue',
        /The trackingNumber parameter is required/,
      ],
      [
        {
          chargePermissionId: permissionId,
          deliveryDetails: [{ trackingNumber: '1Z999AA10123456784', carrierCode: 'UPS' }],
        },
        400,
        'InvalidParameterValue',
        /can only be used once/,
      ],
      [
        {
          chargePermissionId: permissionId,
          amazonOrderReferenceId: permissionId,
          deliveryDetails: [{ trackingNumber: 'A4', carrierCode: 'UPS' }],
        },
        400,
        'InvalidParameterCombination',
        /either/,
      ],
      [
        {
          chargePermissionId: permissionId,
          deliveryDetails: [{ trackingNumber: 'A5', carrierCode: 'UPS', extra: 1 }],
        },
        400,
        'UnrecognizedField',
        /extra/,
      ],
    ];
    const before = (await trackers()).length;
    for (const [payload, status, reasonCode, message] of cases) {
      const failure = await sdkFailure(client.deliveryTrackers(payload));
      expect(failure.status, JSON.stringify(payload)).toBe(status);
      expect(failure.data.reasonCode, JSON.stringify(payload)).toBe(reasonCode);
      expect(failure.data.message, JSON.stringify(payload)).toMatch(message);
    }
    expect(await trackers()).toHaveLength(before);
    // Another merchant's Charge Permission is not found for this one.
    const other = await platform.createMerchant({ region: 'NA' });
    const otherClient = new sdk.WebStoreClient({ ...platform.sdkConfig(other) });
    const foreign = await sdkFailure(
      otherClient.deliveryTrackers({
        chargePermissionId: permissionId,
        deliveryDetails: [{ trackingNumber: 'X', carrierCode: 'UPS' }],
      }),
    );
    expect(foreign.data.reasonCode).toBe('InvalidParameterValue');
  });
});

describe("the v1 client's alexaDeliveryNotification (POST /live/v1/deliveryTrackers)", () => {
  it('tracks a v1 Order Reference, and refuses an unknown one', async () => {
    const v1 = await connectV1(platform, merchant);
    const buyer = createV1Buyer(platform.httpUrl);
    const token = await buyer.signIn(merchant.storeId);
    const orderReferenceId = await buyer.createOrderReference(token, merchant.merchantId);
    const raw = v1.raw as unknown as {
      config: Record<string, unknown> & { environment: Record<string, unknown> };
      notifications: {
        alexaDeliveryNotification(
          id: string,
          tracking: string,
          carrier: string,
        ): Promise<{ statusCode: number; body: string }>;
      };
    };
    // The client's own options: its Notifications endpoint and the merchant's v2 key pair.
    raw.config.environment = {
      ...raw.config.environment,
      Notifications: { apiEndpoint: `${platform.httpUrl}/live/v1/deliveryTrackers` },
    };
    raw.config.publicKeyId = merchant.publicKeyId;
    raw.config.privateKey = merchant.privateKeyPem;
    const answer = await raw.notifications.alexaDeliveryNotification(
      orderReferenceId,
      'V1-TRACK-1',
      'DHL',
    );
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      amazonOrderReferenceId: orderReferenceId,
      deliveryDetails: [{ trackingNumber: 'V1-TRACK-1', carrierCode: 'DHL' }],
    });
    expect(await trackers(orderReferenceId)).toEqual([
      expect.objectContaining({ objectType: 'OrderReference', objectId: orderReferenceId }),
    ]);
    const unknown = await raw.notifications.alexaDeliveryNotification(
      'S01-0000000-0000000',
      'V1-TRACK-2',
      'DHL',
    );
    expect(unknown.statusCode).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ reasonCode: 'InvalidParameterValue' });
  });
});
