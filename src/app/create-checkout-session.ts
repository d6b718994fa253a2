import {
  newCheckoutSession,
  type CreateCheckoutSessionInput,
} from '../domain/checkout-session/checkout-session-operations.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import { DomainError, invalidParameter } from '../domain/shared/errors.js';
import { newCheckoutSessionId } from '../domain/shared/ids.js';
import { loadChargePermission } from './load-aggregates.js';
import type { Unit } from './unit-of-work.js';

/** Create Checkout Session (spec §8.1): the store must be one of this merchant's. */
export async function createCheckoutSession(
  unit: Unit,
  input: CreateCheckoutSessionInput,
): Promise<CheckoutSession> {
  const store = await unit.tx.merchantStores.find(input.storeId);
  if (store?.merchantId !== unit.merchant.merchantId)
    throw invalidParameter('storeId', `${input.storeId} is not a store of this merchant.`);
  if (input.chargePermissionId !== undefined) {
    // The hosted Update flow (spec §12.3) works on an open Saved Wallet of this merchant.
    const permission = await loadChargePermission(unit, input.chargePermissionId);
    if (permission.type !== 'PaymentMethodOnFile' || permission.state === 'Closed')
      throw new DomainError(
        'InvalidChargePermissionStatus',
        `The Charge Permission ${permission.id} is not an open Saved Wallet (PaymentMethodOnFile) Charge Permission.`,
      );
  }
  const session = newCheckoutSession(input, {
    id: newCheckoutSessionId(unit.random),
    merchantId: unit.merchant.merchantId,
    environment: unit.scope.environment,
    region: unit.merchant.region,
    now: unit.now,
    sandboxHttp: unit.sandboxHttp,
  });
  await unit.tx.checkoutSessions.insert(session);
  return session;
}
