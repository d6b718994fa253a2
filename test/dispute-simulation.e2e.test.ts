import { describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { openDisputeAsAdmin } from '../src/app/back-office/open-dispute.js';
import type { ReceivedIpn } from '../src/testing/ipn-receiver.js';
import { idem, sdkFailure, setUpSavedWallet } from './support/sdk-helpers.js';
import { BACKENDS } from './support/test-backends.js';

/**
 * Issue 12: the `DisputeOpened` Capture Charge simulation code, through the official Node SDK. A
 * capture made with it gets a chargeback an hour later on the merchant clock, opened by the same
 * operation as the admin path: the same dispute object, ledger lines and CHARGEBACK IPNs.
 */
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });
const messageOf = (ipn: ReceivedIpn) =>
  JSON.parse(String(ipn.envelope?.Message)) as Record<string, string>;

describe.each(BACKENDS)('DisputeOpened simulation on $name', (backend) => {
  it('opens the same dispute as the admin path, an hour after the capture', async () => {
    const opened = await backend.open();
    try {
      const { platform } = opened;
      const merchant = await platform.createMerchant({ region: 'NA' });
      const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
      const permissionId = await setUpSavedWallet(client, platform, merchant);
      const receiver = await platform.receiveIpns(merchant.merchantId);
      const authorize = async (amount: string) =>
        String(
          (
            await client.createCharge(
              {
                chargePermissionId: permissionId,
                chargeAmount: usd(amount),
                chargeInitiator: 'MITR',
                channel: 'Web',
                captureNow: false,
              },
              idem(),
            )
          ).data.chargeId,
        );

      const simulated = await authorize('30.00');
      const captured = await client.captureCharge(
        simulated,
        { captureAmount: usd('30.00') },
        idem({ 'x-amz-pay-simulation-code': 'DisputeOpened' }),
      );
      expect(captured.data).toMatchObject({ statusDetails: { state: 'Captured' } });
      const admin = await authorize('30.00');
      await client.captureCharge(admin, { captureAmount: usd('30.00') }, idem());

      // Not on another operation, nor in Live.
      const wrong = await sdkFailure(
        client.createRefund(
          { chargeId: admin, refundAmount: usd('1.00') },
          idem({ 'x-amz-pay-simulation-code': 'DisputeOpened' }),
        ),
      );
      expect(wrong.data.reasonCode).toBe('InvalidSandboxSimulationSpecified');

      const chargebacks = (all: readonly ReceivedIpn[]) =>
        all.filter((ipn) => messageOf(ipn).ObjectType === 'CHARGEBACK');
      // Nothing before the hour has passed on the merchant clock.
      await platform.advanceClock(merchant.merchantId, '59m');
      const adminDispute = await openDisputeAsAdmin(platform.localpay.deps, {
        chargeId: admin,
        amount: null,
        filingReason: 'Fraudulent',
        resolutionAuthority: 'AmazonPay',
        providerDisputeId: null,
      });
      await receiver.waitFor((all) => chargebacks(all).length >= 1);
      expect(chargebacks(receiver.received)).toHaveLength(1);

      await platform.advanceClock(merchant.merchantId, '1m');
      await receiver.waitFor((all) => chargebacks(all).length >= 2);
      const ids = chargebacks(receiver.received).map((ipn) => String(messageOf(ipn).ObjectId));
      const simulatedId = ids.find((id) => id !== adminDispute.id)!;
      expect(simulatedId).toMatch(new RegExp(`^${simulated.slice(0, -8)}-B\\d{6}$`));
      const messages = chargebacks(receiver.received).map(messageOf);
      expect(messages.map((m) => [m.ObjectType, m.NotificationType, m.ChargePermissionId])).toEqual(
        [
          ['CHARGEBACK', 'STATE_CHANGE', permissionId],
          ['CHARGEBACK', 'STATE_CHANGE', permissionId],
        ],
      );

      // The same object as the admin path's, but for its ids and times.
      const bySimulation = (await client.getDispute(simulatedId)).data;
      const byAdmin = (await client.getDispute(adminDispute.id)).data;
      const stable = (d: Record<string, unknown>) => {
        const {
          disputeId: _id,
          chargeId: _charge,
          creationTimestamp: _created,
          merchantResponseDeadline: _deadline,
          statusDetails,
          ...rest
        } = d;
        const { lastUpdatedTimestamp: _updated, ...status } = statusDetails as Record<
          string,
          unknown
        >;
        return { ...rest, statusDetails: status };
      };
      expect(stable(bySimulation)).toEqual(stable(byAdmin));
      expect(bySimulation).toMatchObject({
        chargeId: simulated,
        disputeAmount: usd('30.00'),
        filingReason: 'Fraudulent',
        statusDetails: { state: 'ActionRequired' },
      });

      // And the same ledger lines: the amount and the chargeback fee debited.
      const entries = await platform.localpay.deps.store.transaction((tx) =>
        tx.ledger.list(
          { merchantId: merchant.merchantId, environment: 'Sandbox' },
          { from: 0, to: Number.MAX_SAFE_INTEGER },
        ),
      );
      const line = (id: string) =>
        entries
          .filter((e) => e.transactionId === id)
          .map((e) => [e.type, e.amountMinor, e.percentageFeeMinor, e.fixedFeeMinor]);
      expect(line(simulatedId)).toEqual(line(adminDispute.id));
      expect(line(simulatedId)).toHaveLength(1);
      expect(line(simulatedId)[0]?.[0]).toBe('Chargeback');

      // It opens once: later timers leave the charge alone.
      await platform.advanceClock(merchant.merchantId, '2h');
      expect(
        await opened.count('select count(*) from disputes where charge_id = $1', simulated),
      ).toBe(1);
    } finally {
      await opened.dispose();
    }
  }, 60_000);
});
