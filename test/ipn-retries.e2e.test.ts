import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { loadIpnConfig } from '../src/config/ipn-config.js';
import {
  startIpnReceiver,
  type IpnReceiver,
  type ReceivedIpn,
} from '../src/testing/ipn-receiver.js';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { idem, setUpSavedWallet } from './support/sdk-helpers.js';

/**
 * Issue "IPN delivery", done-when 2 and the delivery log: a receiver answering 500 three times and
 * then 200 gets the notification on the fourth attempt, each attempt due on the schedule (hourly,
 * Amazon's) of the merchant's clock, which the test moves instead of sleeping. Also: retries
 * compress when the clock jumps, a 4xx is final, the schedule ends, redelivery on request.
 */
const HOUR = 3_600_000;

interface NotificationView {
  id: string;
  objectId: string;
  status: string;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  deliveryAttempts?: {
    attempt: number;
    scheduledAt: number;
    attemptedAt: number;
    outcome: string;
    statusCode: number | null;
    responseExcerpt: string | null;
    latencyMs: number;
    chaos: string | null;
  }[];
}

describe('IPN retries and the delivery log', () => {
  let platform: TestPlatform;
  let receiver: IpnReceiver;

  beforeAll(async () => {
    // Polling every 50 ms, so "nothing was sent" can be asserted after a short quiet period.
    platform = await createTestPlatform({ ipn: { ...loadIpnConfig({}), pollMs: 50 } });
    receiver = await startIpnReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await platform.close();
  });

  const admin = async <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => {
    const response = await fetch(`${platform.httpUrl}/_localpay${path}`, {
      method: init?.method ?? 'GET',
      ...(init?.body === undefined
        ? {}
        : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  /**
   * A merchant of its own (its own clock) with one captured charge: one CHARGE notification,
   * whose deliveries the receiver answers with `statuses` in turn, then 200.
   */
  async function oneNotification(
    statuses: readonly number[],
  ): Promise<{ merchantId: string; notification: NotificationView }> {
    const merchant = await platform.createMerchant({ region: 'NA' });
    answer(merchant.merchantId, statuses);
    await platform.setIpnEndpoint(merchant.merchantId, receiver.url);
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const permissionId = await setUpSavedWallet(client, platform, merchant);
    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '9.00', currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    const { notifications } = await admin<{ notifications: NotificationView[] }>(
      `/ipn/notifications?objectId=${String(charge.data.chargeId)}`,
    );
    expect(notifications).toHaveLength(1);
    return { merchantId: merchant.merchantId, notification: notifications[0]! };
  }

  const deliveriesOf = (id: string): ReceivedIpn[] =>
    receiver.received.filter((ipn) => ipn.messageId === id);
  const waitForDeliveries = (id: string, count: number) =>
    receiver.waitFor(() => deliveriesOf(id).length >= count, 5_000);
  const detail = (id: string) => admin<NotificationView>(`/ipn/notifications/${id}`);
  async function quietFor(id: string, ms: number): Promise<void> {
    const before = deliveriesOf(id).length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    expect(deliveriesOf(id).length).toBe(before);
  }
  const answers = new Map<string, readonly number[]>();
  const merchantOf = (ipn: ReceivedIpn): string =>
    String((JSON.parse(String(ipn.envelope?.Message)) as { MerchantID: string }).MerchantID);
  function answer(merchantId: string, statuses: readonly number[]): void {
    answers.set(merchantId, statuses);
    receiver.respondWith((ipn) => {
      const index = deliveriesOf(String(ipn.messageId)).indexOf(ipn);
      return { status: answers.get(merchantOf(ipn))?.[index] ?? 200, body: `answer ${index + 1}` };
    });
  }

  it('500 three times, then 200: delivered on the fourth attempt, each when due on the merchant clock', async () => {
    const { merchantId, notification } = await oneNotification([500, 500, 500]);
    const { id, createdAt } = notification;
    await waitForDeliveries(id, 1);
    await platform.localpay.ipn.dispatcher?.whenIdle();
    expect(await detail(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: createdAt + HOUR,
    });

    await quietFor(id, 300);
    await platform.advanceClock(merchantId, '59m');
    await quietFor(id, 300);
    await platform.advanceClock(merchantId, '1m');
    await waitForDeliveries(id, 2);
    await platform.advanceClock(merchantId, '1h');
    await waitForDeliveries(id, 3);
    await platform.advanceClock(merchantId, '1h');
    await waitForDeliveries(id, 4);
    await platform.localpay.ipn.dispatcher?.whenIdle();

    const log = await detail(id);
    expect(log).toMatchObject({ status: 'delivered', attempts: 4 });
    const attempts = [...(log.deliveryAttempts ?? [])].reverse();
    expect(attempts.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
      [1, 'httpError', 500],
      [2, 'httpError', 500],
      [3, 'httpError', 500],
      [4, 'delivered', 200],
    ]);
    attempts.forEach((attempt, k) => {
      expect(attempt.scheduledAt).toBe(createdAt + k * HOUR);
      expect(attempt.attemptedAt).toBeGreaterThanOrEqual(attempt.scheduledAt);
      expect(attempt.attemptedAt - attempt.scheduledAt).toBeLessThan(HOUR / 60);
      expect(attempt.responseExcerpt).toBe(`answer ${k + 1}`);
      expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
    });
    // Every attempt is the same SNS message: same id, same signature.
    expect(new Set(deliveriesOf(id).map((ipn) => ipn.body)).size).toBe(1);
    await quietFor(id, 200);
  });

  it('runs the retries a clock jump skipped over at once, in order', async () => {
    const { merchantId, notification } = await oneNotification([503, 503, 503, 503]);
    const { id, createdAt } = notification;
    await waitForDeliveries(id, 1);
    await platform.advanceClock(merchantId, '3h');
    await waitForDeliveries(id, 4);
    await platform.localpay.ipn.dispatcher?.whenIdle();
    await quietFor(id, 200);
    expect(await detail(id)).toMatchObject({
      status: 'pending',
      attempts: 4,
      nextAttemptAt: createdAt + 4 * HOUR,
    });
    await platform.advanceClock(merchantId, '1h');
    await waitForDeliveries(id, 5);
    await platform.localpay.ipn.dispatcher?.whenIdle();
    expect(await detail(id)).toMatchObject({ status: 'delivered', attempts: 5 });
  });

  it('gives up after 14 days of hourly retries', async () => {
    const { merchantId, notification } = await oneNotification(
      Array.from({ length: 400 }, () => 500),
    );
    const { id } = notification;
    await waitForDeliveries(id, 1);
    await platform.advanceClock(merchantId, '15d');
    await receiver.waitFor(() => deliveriesOf(id).length >= 337, 20_000);
    await platform.localpay.ipn.dispatcher?.whenIdle();
    await quietFor(id, 200);
    expect(await detail(id)).toMatchObject({ status: 'failed', attempts: 337 });
  });

  it('treats a 4xx as final, and redelivers on request', async () => {
    const { merchantId, notification } = await oneNotification([400]);
    const { id } = notification;
    await waitForDeliveries(id, 1);
    await platform.localpay.ipn.dispatcher?.whenIdle();
    expect(await detail(id)).toMatchObject({ status: 'failed', attempts: 1 });
    await platform.advanceClock(merchantId, '2h');
    await quietFor(id, 200);

    // The receiver answers 200 from now on (answer() gave only the first status).
    const { requeued } = await admin<{ requeued: number }>('/ipn/redeliver-failed', {
      method: 'POST',
      body: { merchantId },
    });
    expect(requeued).toBe(1);
    await waitForDeliveries(id, 2);
    await platform.localpay.ipn.dispatcher?.whenIdle();
    expect(await detail(id)).toMatchObject({ status: 'delivered', attempts: 2 });

    // One notification, again, whatever its status.
    const redelivered = await admin<NotificationView>(`/ipn/notifications/${id}/redeliver`, {
      method: 'POST',
    });
    expect(redelivered.status).toBe('pending');
    await waitForDeliveries(id, 3);
    await platform.localpay.ipn.dispatcher?.whenIdle();
    const log = await detail(id);
    expect(log).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(log.deliveryAttempts?.map((a) => a.statusCode)).toEqual([200, 200, 400]);
  });
});
