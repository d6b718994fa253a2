import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestMerchant, TestPlatform } from '../src/testing/test-platform.js';
import { createV1Buyer, type V1Buyer } from '../src/testing/v1-buyer.js';
import { comparable, notificationWindow, type NotificationWindow } from './support/forced-pairs.js';
import { connectV1, type V1Client } from './support/mws-client.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';
import { openBillingAgreement } from './support/v1-billing-agreement.js';

/**
 * Issue 14 point 6, done-when, for v1 (spec v1 §3): each forced transition runs next to its
 * natural path (a SandboxSimulation in a note and a clock move, or Amazon's decision) on two fresh
 * objects through the unmodified `amazon-payments` client; the objects as Get…Details answers them
 * (ids, timestamps and the seller note that carried the simulation masked) and the IPNs each step
 * queued must be the same.
 */
const gbp = (amount: string) => ({ Amount: amount, CurrencyCode: 'GBP' });
const simulation = (body: Record<string, string>) => JSON.stringify({ SandboxSimulation: body });

interface Subject {
  readonly id: string;
  /** Ids the IPNs and objects may name; a natural step may add the object it creates. */
  readonly ids: Record<string, string>;
}

interface Pair {
  readonly name: string;
  readonly kind: string;
  readonly target: string;
  readonly setUp: (natural: boolean) => Promise<Subject>;
  readonly natural: (subject: Subject) => Promise<unknown>;
  readonly read: (subject: Subject) => Promise<unknown>;
  /** Only these notification types are compared (the natural path does more than this transition). */
  readonly only?: string;
}

describe.each(BACKENDS)('forced v1 states against the natural path, $name', (backend) => {
  let opened: OpenedBackend;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: V1Client;
  let buyer: V1Buyer;
  let window: NotificationWindow;
  let references = 0;

  beforeAll(async () => {
    opened = await backend.open();
    platform = opened.platform;
    buyer = createV1Buyer(platform.httpUrl);
  });
  afterAll(() => opened.dispose());

  async function freshMerchant(): Promise<void> {
    merchant = await platform.createMerchant({ region: 'UK' });
    client = await connectV1(platform, merchant);
    const receiver = await platform.receiveIpns(merchant.merchantId);
    window = notificationWindow(opened, platform, receiver, merchant.merchantId);
  }

  const force = async (kind: string, id: string, target: string) => {
    const response = await fetch(
      `${platform.httpUrl}/_localpay/merchants/${merchant.merchantId}/objects/${kind}/${id}/force`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target }),
      },
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect({ status: response.status, body }).toMatchObject({
      status: 200,
      body: { forced: target },
    });
  };

  /** A confirmed order reference whose buyer passed the Confirmation Flow. */
  async function orderReference(cardEnding = '1111'): Promise<string> {
    const token = await buyer.signIn(merchant.storeId);
    const oro = await buyer.createOrderReference(token, merchant.merchantId, { cardEnding });
    await client.call('SetOrderReferenceDetails', {
      AmazonOrderReferenceId: oro,
      OrderReferenceAttributes: { OrderTotal: gbp('20.00') },
    });
    await client.call('ConfirmOrderReference', {
      AmazonOrderReferenceId: oro,
      SuccessUrl: 'https://shop.example/ok',
    });
    await buyer.confirmationFlow(merchant.merchantId, oro, 'pass');
    return oro;
  }

  async function authorization(timeout: number, note: string | null): Promise<Subject> {
    const oro = await orderReference();
    const answer = await client.call('Authorize', {
      AmazonOrderReferenceId: oro,
      AuthorizationReferenceId: `authorization-${++references}`,
      AuthorizationAmount: gbp('20.00'),
      TransactionTimeout: timeout,
      ...(note === null ? {} : { SellerAuthorizationNote: note }),
    });
    const id = String(answer.AuthorizationDetails.AmazonAuthorizationId);
    return { id, ids: { authorization: id, order: oro } };
  }
  const readAuthorization = async ({ ids }: Subject) => ({
    authorization: await client.call('GetAuthorizationDetails', {
      AmazonAuthorizationId: ids.authorization,
    }),
    order: await client.call('GetOrderReferenceDetails', { AmazonOrderReferenceId: ids.order }),
  });

  async function capture(subject: Subject, note: string): Promise<string> {
    const answer = await client.call('Capture', {
      AmazonAuthorizationId: subject.ids.authorization,
      CaptureReferenceId: `capture-${++references}`,
      CaptureAmount: gbp('20.00'),
      SellerCaptureNote: note,
    });
    return String(answer.CaptureDetails.AmazonCaptureId);
  }
  const PENDING_CAPTURE = simulation({ State: 'Pending' });
  const readCapture = async ({ ids }: Subject) => ({
    capture: await client.call('GetCaptureDetails', { AmazonCaptureId: ids.capture }),
    order: await client.call('GetOrderReferenceDetails', { AmazonOrderReferenceId: ids.order }),
  });

  const DECLINES = [
    ['InvalidPaymentMethod', 'false'],
    ['AmazonRejected', 'false'],
    ['ProcessingFailure', 'true'],
    ['TransactionTimedOut', 'true'],
  ] as const;

  const PAIRS: Pair[] = [
    {
      name: 'a pending authorization opens',
      kind: 'authorizations',
      target: 'Open',
      setUp: () => authorization(1440, null),
      natural: () => platform.advanceClock(merchant.merchantId, '1m'),
      read: readAuthorization,
    },
    ...DECLINES.map(([reason, soft]): Pair => ({
      name: `a pending authorization is declined ${reason}`,
      kind: 'authorizations',
      target: `Declined/${reason}`,
      setUp: (natural) =>
        authorization(
          1440,
          natural ? simulation({ State: 'Declined', ReasonCode: reason, SoftDecline: soft }) : null,
        ),
      natural: () => platform.advanceClock(merchant.merchantId, '1m'),
      read: readAuthorization,
    })),
    {
      name: 'Amazon closes a pending authorization',
      kind: 'authorizations',
      target: 'Closed/AmazonClosed',
      setUp: (natural) =>
        authorization(
          1440,
          natural ? simulation({ State: 'Closed', ReasonCode: 'AmazonClosed' }) : null,
        ),
      natural: () => platform.advanceClock(merchant.merchantId, '1m'),
      read: readAuthorization,
    },
    {
      name: 'an open authorization expires',
      kind: 'authorizations',
      target: 'Closed/ExpiredUnused',
      setUp: () => authorization(0, null),
      natural: () => platform.advanceClock(merchant.merchantId, '3d'),
      read: readAuthorization,
    },
    {
      name: 'a pending capture completes',
      kind: 'captures',
      target: 'Completed',
      setUp: async () => {
        const subject = await authorization(0, null);
        const id = await capture(subject, PENDING_CAPTURE);
        return { id, ids: { ...subject.ids, capture: id } };
      },
      natural: () => platform.advanceClock(merchant.merchantId, '2h'),
      read: readCapture,
    },
    {
      // v1 declines a capture at once (no simulation leaves one pending, then declines it): the
      // natural path is the synchronous decline, whose capture and PaymentCapture IPN are compared.
      name: 'a pending capture is declined',
      kind: 'captures',
      target: 'Declined/AmazonRejected',
      setUp: async (natural) => {
        const subject = await authorization(0, null);
        if (natural) return subject;
        const id = await capture(subject, PENDING_CAPTURE);
        return { id, ids: { ...subject.ids, capture: id } };
      },
      natural: async (subject) => {
        subject.ids.capture = await capture(
          subject,
          simulation({ State: 'Declined', ReasonCode: 'AmazonRejected' }),
        );
      },
      read: async (subject) => ({
        capture: await client.call('GetCaptureDetails', { AmazonCaptureId: subject.ids.capture }),
      }),
      only: 'PaymentCapture',
    },
    {
      name: 'Amazon closes an order reference',
      kind: 'order-references',
      target: 'Closed/AmazonClosed',
      setUp: async () => {
        const oro = await orderReference();
        return { id: oro, ids: { order: oro } };
      },
      natural: ({ id }) =>
        client.call('CloseOrderReference', {
          AmazonOrderReferenceId: id,
          ClosureReason: simulation({ State: 'Closed', ReasonCode: 'AmazonClosed' }),
        }),
      read: async ({ id }) =>
        client.call('GetOrderReferenceDetails', { AmazonOrderReferenceId: id }),
    },
    {
      name: 'an order reference expires',
      kind: 'order-references',
      target: 'Closed/Expired',
      setUp: async () => {
        const oro = await orderReference();
        return { id: oro, ids: { order: oro } };
      },
      natural: () => platform.advanceClock(merchant.merchantId, '181d'),
      read: async ({ id }) =>
        client.call('GetOrderReferenceDetails', { AmazonOrderReferenceId: id }),
    },
    {
      name: 'Amazon closes a billing agreement',
      kind: 'billing-agreements',
      target: 'Closed/AmazonClosed',
      setUp: async () => {
        const token = await buyer.signIn(merchant.storeId);
        const ba = await openBillingAgreement(client, buyer, token, merchant);
        return { id: ba, ids: { agreement: ba } };
      },
      natural: ({ id }) =>
        client.call('CloseBillingAgreement', {
          AmazonBillingAgreementId: id,
          ClosureReason: simulation({ State: 'Closed', ReasonCode: 'AmazonClosed' }),
        }),
      read: async ({ id }) =>
        client.call('GetBillingAgreementDetails', { AmazonBillingAgreementId: id }),
    },
    {
      name: 'a billing agreement whose payment method fails is suspended',
      kind: 'billing-agreements',
      target: 'Suspended/InvalidPaymentMethod',
      setUp: async () => {
        const token = await buyer.signIn(merchant.storeId);
        const ba = await openBillingAgreement(client, buyer, token, merchant);
        // A card the issuer refuses (v1-test-cards.ts): validating the agreement suspends it.
        await buyer.choosePaymentMethod(token, merchant.merchantId, ba, '4545');
        return { id: ba, ids: { agreement: ba } };
      },
      natural: ({ id }) =>
        client.call('ValidateBillingAgreement', { AmazonBillingAgreementId: id }),
      read: async ({ id }) =>
        client.call('GetBillingAgreementDetails', { AmazonBillingAgreementId: id }),
    },
  ];

  it.each(PAIRS)('$name: forcing $target is the natural path', async (pair) => {
    await freshMerchant();
    const kept = (shown: string[]) =>
      pair.only === undefined ? shown : shown.filter((ipn) => ipn.includes(pair.only ?? ''));
    const natural = await pair.setUp(true);
    const naturalIpns = kept(await window.notifiedBy(() => pair.natural(natural), natural.ids));
    const naturalObject = comparable(await pair.read(natural));

    const forced = await pair.setUp(false);
    const forcedIpns = kept(
      await window.notifiedBy(() => force(pair.kind, forced.id, pair.target), forced.ids),
    );
    expect(comparable(await pair.read(forced))).toEqual(naturalObject);
    expect(forcedIpns).toEqual(naturalIpns);
    expect(forcedIpns.length).toBeGreaterThan(0);
  });
});
