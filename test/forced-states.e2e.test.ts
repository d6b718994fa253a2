import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { TestMerchant, TestPlatform } from '../src/testing/test-platform.js';
import { comparable, notificationWindow, type NotificationWindow } from './support/forced-pairs.js';
import { idem, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue 14 point 6, done-when: "Forced states emit the same IPNs and objects as the natural path
 * (tested against the natural path)". Each v2 transition runs twice on two fresh objects through
 * the official SDK: once the natural way (a simulation code and a clock move, or Amazon's
 * decision), once forced through the admin API; the objects (ids and timestamps masked) and the
 * IPNs each step queued (type, object type, body shape) must be the same.
 */
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });
const code = (simulation: string) => idem({ 'x-amz-pay-simulation-code': simulation });

interface Subject {
  /** The object the step moves, and the ids the IPNs may name. */
  readonly id: string;
  readonly ids: Readonly<Record<string, string>>;
}

interface Pair {
  readonly name: string;
  readonly kind: string;
  readonly target: string;
  /** A fresh object, ready for its transition (natural: true when the natural path sets it up). */
  readonly setUp: (natural: boolean) => Promise<Subject>;
  /** The natural step: a clock move or Amazon's decision. */
  readonly natural: (subject: Subject) => Promise<unknown>;
  /** What both paths are compared on, read through the SDK. */
  readonly read: (subject: Subject) => Promise<unknown>;
  /**
   * A clock move after the force, before reading: when the natural path's clock move also ages
   * what Amazon serves (buyer details go after 30 days, retention.ts). It must notify nothing.
   */
  readonly ageForced?: string;
}

describe.each(BACKENDS)('forced states against the natural path, $name', (backend) => {
  let opened: OpenedBackend;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: WebStoreClient;
  let window: NotificationWindow;

  const admin = async (
    path: string,
    init: { method?: string; body?: unknown; merchantId?: string } = {},
  ) => {
    const response = await fetch(
      `${platform.httpUrl}/_localpay/merchants/${init.merchantId ?? merchant.merchantId}${path}`,
      {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const force = async (kind: string, id: string, target: string) => {
    const answer = await admin(`/objects/${kind}/${id}/force`, { body: { target } });
    expect(answer, JSON.stringify(answer.body)).toMatchObject({ status: 200 });
    return answer.body;
  };

  beforeAll(async () => {
    opened = await backend.open();
    platform = opened.platform;
  });
  /** Each test has its own merchant: its own clock, and only its own objects' notifications. */
  async function freshMerchant(): Promise<void> {
    merchant = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const receiver = await platform.receiveIpns(merchant.merchantId);
    window = notificationWindow(opened, platform, receiver, merchant.merchantId);
  }
  afterAll(() => opened.dispose());

  /** A charge on its own fresh Saved Wallet (a decline changes its permission). */
  async function charge(
    body: Record<string, unknown>,
    simulation: string | null,
  ): Promise<Subject> {
    const permission = await setUpSavedWallet(client, platform, merchant);
    const created = await client.createCharge(
      {
        chargePermissionId: permission,
        chargeAmount: usd('20.00'),
        chargeInitiator: 'MITR',
        canHandlePendingAuthorization: true,
        captureNow: false,
        ...body,
      },
      simulation === null ? idem() : code(simulation),
    );
    const id = String(created.data.chargeId);
    return { id, ids: { charge: id, permission } };
  }
  const readCharge = async ({ ids }: Subject) => ({
    charge: (await client.getCharge(String(ids.charge))).data,
    permission: (await client.getChargePermission(String(ids.permission))).data,
  });
  /** An authorized charge whose capture is left pending, resolving to `pending` on the natural path. */
  async function capturing(natural: boolean, pending: string): Promise<Subject> {
    const subject = await charge({}, null);
    await client.captureCharge(
      subject.id,
      { captureAmount: usd('20.00') },
      code(natural ? pending : 'CaptureInitiated'),
    );
    return subject;
  }

  const PAIRS: Pair[] = [
    {
      name: 'async authorization succeeds',
      kind: 'charges',
      target: 'Authorized',
      setUp: () => charge({}, 'AuthorizationInitiated'),
      natural: () => platform.advanceClock(merchant.merchantId, '1m'),
      read: readCharge,
    },
    ...['HardDeclined', 'ProcessingFailure', 'TransactionTimedOut'].map((reason): Pair => ({
      name: `async authorization declined ${reason}`,
      kind: 'charges',
      target: `Declined/${reason}`,
      // The forced charge was going to succeed: the force decides its outcome.
      setUp: (natural) => charge({}, natural ? `Pending${reason}` : 'AuthorizationInitiated'),
      natural: () => platform.advanceClock(merchant.merchantId, '1m'),
      read: readCharge,
    })),
    {
      name: 'async capture completes',
      kind: 'charges',
      target: 'Captured',
      setUp: () => capturing(false, 'CaptureInitiated'),
      natural: () => platform.advanceClock(merchant.merchantId, '2h'),
      read: readCharge,
    },
    {
      name: 'async capture declined',
      kind: 'charges',
      target: 'Declined/ProcessingFailure',
      setUp: (natural) => capturing(natural, 'PendingProcessingFailure'),
      natural: () => platform.advanceClock(merchant.merchantId, '1m'),
      read: readCharge,
    },
    {
      name: 'authorization expires unused',
      kind: 'charges',
      target: 'Canceled/ExpiredUnused',
      setUp: () => charge({}, null),
      natural: () => platform.advanceClock(merchant.merchantId, '31d'),
      read: readCharge,
    },
    {
      name: 'a dispute on a captured charge',
      kind: 'charges',
      target: 'Dispute',
      setUp: () => charge({ captureNow: true }, null),
      natural: ({ id }) =>
        fetch(`${platform.httpUrl}/_localpay/disputes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chargeId: id }),
        }),
      read: readCharge,
    },
    {
      name: 'Amazon closes the charge permission',
      kind: 'charge-permissions',
      target: 'Closed/AmazonClosed',
      setUp: async () => {
        const authorized = await charge({}, null);
        return { id: String(authorized.ids.permission), ids: authorized.ids };
      },
      natural: ({ id }) =>
        client.closeChargePermission(
          id,
          { closureReason: null, cancelPendingCharges: false },
          code('AmazonClosed'),
        ),
      read: readCharge,
    },
    {
      name: 'a one-time charge permission expires',
      kind: 'charge-permissions',
      target: 'Closed/Expired',
      setUp: async () => {
        const created = await client.createCheckoutSession(
          {
            webCheckoutDetails: { checkoutResultReturnUrl: 'http://localhost:3000/done' },
            storeId: merchant.storeId,
            // Confirm: no charge, so the permission stays Chargeable until it expires.
            paymentDetails: { paymentIntent: 'Confirm', chargeAmount: usd('15.00') },
          },
          idem(),
        );
        const sessionId = String(created.data.checkoutSessionId);
        await platform.buyer.checkout(sessionId);
        const completed = await client.completeCheckoutSession(
          sessionId,
          { chargeAmount: usd('15.00') },
          idem(),
        );
        const id = String(completed.data.chargePermissionId);
        return { id, ids: { permission: id } };
      },
      natural: () => platform.advanceClock(merchant.merchantId, '181d'),
      read: async ({ id }) => (await client.getChargePermission(id)).data,
      ageForced: '181d',
    },
    {
      name: 'a checkout session expires',
      kind: 'checkout-sessions',
      target: 'Canceled/Expired',
      setUp: async () => {
        const created = await client.createCheckoutSession(
          {
            webCheckoutDetails: { checkoutResultReturnUrl: 'http://localhost:3000/done' },
            storeId: merchant.storeId,
          },
          idem(),
        );
        const id = String(created.data.checkoutSessionId);
        return { id, ids: { session: id } };
      },
      natural: () => platform.advanceClock(merchant.merchantId, '25h'),
      read: async ({ id }) => (await client.getCheckoutSession(id)).data,
    },
  ];

  it.each(PAIRS)('$name: forcing $target is the natural path', async (pair) => {
    await freshMerchant();
    const natural = await pair.setUp(true);
    const naturalIpns = await window.notifiedBy(() => pair.natural(natural), natural.ids);
    const naturalObject = comparable(await pair.read(natural));

    const forced = await pair.setUp(false);
    let answer: Record<string, unknown> = {};
    const forcedIpns = await window.notifiedBy(async () => {
      answer = await force(pair.kind, forced.id, pair.target);
    }, forced.ids);
    expect(answer).toMatchObject({ id: forced.id, forced: pair.target });
    if (pair.ageForced !== undefined) {
      const aged = pair.ageForced;
      expect(
        await window.notifiedBy(() => platform.advanceClock(merchant.merchantId, aged), {}),
      ).toEqual([]);
    }
    expect(comparable(await pair.read(forced))).toEqual(naturalObject);
    expect(forcedIpns).toEqual(naturalIpns);
    // The timeline names the admin API as the cause (a dispute changes no state of the charge).
    if (pair.target !== 'Dispute') {
      const page = await fetch(`${platform.httpUrl}/console/objects/${pair.kind}/${forced.id}`);
      expect(await page.text()).toContain(`console: forced ${pair.target} (admin API)`);
    }
    if (pair.target !== 'Canceled/Expired') expect(forcedIpns.length).toBeGreaterThan(0);
  });

  it('refuses a target the object cannot reach, listing those it can, and writes nothing', async () => {
    await freshMerchant();
    const { id } = await charge({}, null);
    const before = comparable((await client.getCharge(id)).data);
    const notified = await opened.count(
      'select count(*) from outbox where merchant_id = $1',
      merchant.merchantId,
    );
    const transitions = await opened.count(
      'select count(*) from state_transitions where merchant_id = $1',
      merchant.merchantId,
    );
    const refused = await admin(`/objects/charges/${id}/force`, { body: { target: 'Captured' } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      reasonCode: 'InvalidChargeStatus',
      message: `The Charge ${id} is Authorized: it can be forced to Canceled/ExpiredUnused, not 'Captured'.`,
    });
    expect(comparable((await client.getCharge(id)).data)).toEqual(before);
    expect(
      await opened.count('select count(*) from outbox where merchant_id = $1', merchant.merchantId),
    ).toBe(notified);
    expect(
      await opened.count(
        'select count(*) from state_transitions where merchant_id = $1',
        merchant.merchantId,
      ),
    ).toBe(transitions);
    expect(await admin(`/objects/charges/${id}/force`, { method: 'GET' })).toEqual({
      status: 200,
      body: {
        kind: 'charges',
        id,
        state: 'Authorized',
        reasonCode: null,
        targets: ['Canceled/ExpiredUnused'],
      },
    });
  });

  it('answers 404 for an unknown kind, an unknown id and another merchant’s object', async () => {
    await freshMerchant();
    const { id } = await charge({}, null);
    const other = await platform.createMerchant({ region: 'NA' });
    const body = { target: 'Canceled/ExpiredUnused' };
    expect(await admin(`/objects/refunds/${id}/force`, { body })).toMatchObject({
      status: 404,
      body: { reasonCode: 'ResourceNotFound' },
    });
    expect(
      await admin(`/objects/charges/S01-0000000-0000000-C000000/force`, { body }),
    ).toMatchObject({ status: 404, body: { reasonCode: 'ResourceNotFound' } });
    expect(
      await admin(`/objects/charges/${id}/force`, { body, merchantId: other.merchantId }),
    ).toMatchObject({ status: 404, body: { reasonCode: 'ResourceNotFound' } });
    expect(await admin(`/objects/charges/${id}/force`, { body: { to: 'x' } })).toMatchObject({
      status: 400,
    });
    expect((await client.getCharge(id)).data).toMatchObject({
      statusDetails: { state: 'Authorized' },
    });
  });
});
