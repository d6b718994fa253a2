import { randomBytes } from 'node:crypto';
import type sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { Region } from '../src/domain/shared/environment.js';
import type { PreparedRequest } from './load.js';

/**
 * Create Charge requests signed ahead of the measured window. Each one carries its own
 * idempotency key, and the key is a signed header, so each needs its own signature: about 270 us
 * of RSA signing apiece (saved-wallet.ts), several times what the server spends on the request.
 * Signing them before the run keeps that work off the load generator's core while it measures; the
 * signatures stay valid while x-amz-pay-date is within the server's 15-minute skew.
 */

type Client = InstanceType<typeof sdk.WebStoreClient>;

/**
 * The smallest amount in each region's home currency: Saved Wallet limits are 15,000 a month per
 * permission in NA, EU and UK and 2,000,000 JPY in JP (spec §7.4), so a run of a few hundred
 * thousand charges spread over the permissions stays far below PeriodicAmountExceeded.
 */
const SMALL_AMOUNT: Readonly<Record<Region, { amount: string; currencyCode: string }>> = {
  NA: { amount: '0.01', currencyCode: 'USD' },
  EU: { amount: '0.01', currencyCode: 'EUR' },
  UK: { amount: '0.01', currencyCode: 'GBP' },
  JP: { amount: '1', currencyCode: 'JPY' },
};

/** 32 characters, the longest key allowed (spec §6): a run prefix and a counter, never repeated. */
const keyPrefix = (): string => `b${randomBytes(8).toString('hex')}-`;

/**
 * `count` merchant-initiated (MITR), captured-at-once charges, round-robin over the permissions:
 * merchant-initiated charges are out of scope of SCA (src/domain/sca/sca-policy.ts), so every one
 * answers 201 Created.
 */
export function signCreateCharges(
  client: Client,
  region: Region,
  chargePermissionIds: readonly string[],
  count: number,
): PreparedRequest[] {
  const prefix = keyPrefix();
  const requests: PreparedRequest[] = [];
  for (let index = 0; index < count; index += 1) {
    const body = JSON.stringify({
      chargePermissionId: chargePermissionIds[index % chargePermissionIds.length],
      chargeAmount: SMALL_AMOUNT[region],
      chargeInitiator: 'MITR',
      channel: 'Web',
      captureNow: true,
      canHandlePendingAuthorization: false,
    });
    const headers = client.getSignedHeaders({
      method: 'POST',
      urlFragment: 'charges',
      payload: body,
      headers: { 'x-amz-pay-idempotency-key': `${prefix}${index}` },
    });
    requests.push({ method: 'POST', path: '/v2/charges', headers, body });
  }
  return requests;
}
