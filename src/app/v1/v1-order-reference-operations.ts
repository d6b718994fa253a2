import {
  amountToAuthenticate,
  cancelOrderReference as cancelRule,
  closeOrderReference as closeRule,
  confirmOrderReference as confirmRule,
  setOrderAttributes as setAttributesRule,
  setOrderReferenceDetails as setDetailsRule,
  type OrderAttributesPatch,
} from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import { checkText } from '../../domain/order-reference/v1-contract.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import type { Money } from '../../domain/shared/money.js';
import { validateReturnUrl } from '../../domain/shared/urls.js';
import { parseV1Simulation } from '../../domain/simulation/v1-simulations.js';
import { closeForCanceledOrder } from '../../domain/v1-payments/v1-payments-operations.js';
import type { Unit } from '../unit-of-work.js';
import { tokenReveals } from './v1-access-tokens.js';
import { decideContractAuthentication } from './v1-authentication.js';
import { loadOrderReference, saveOrderReference } from './v1-loaders.js';
import { authorizationChanged } from './v1-notifications.js';

export interface TokenInput {
  readonly accessToken: string | null;
  readonly addressConsentToken: string | null;
}

/** GetOrderReferenceDetails (spec v1 §2.6): the buyer's token reveals the full address. */
export async function getOrderReferenceDetails(
  unit: Unit,
  id: string,
  tokens: TokenInput,
): Promise<{ readonly orderReference: OrderReference; readonly reveal: boolean }> {
  const orderReference = await loadOrderReference(unit, id);
  const reveal = await tokenReveals(unit, tokens, orderReference.selection.buyer?.buyerId ?? null);
  return { orderReference, reveal };
}

async function change(
  unit: Unit,
  id: string,
  rule: (oro: OrderReference) => OrderReference,
): Promise<OrderReference> {
  const before = await loadOrderReference(unit, id);
  const after = rule(before);
  await saveOrderReference(unit, before, after);
  return after;
}

export const setOrderReferenceDetails = (
  unit: Unit,
  id: string,
  patch: OrderAttributesPatch,
): Promise<OrderReference> => change(unit, id, (oro) => setDetailsRule(oro, patch, unit.now));

export const setOrderAttributes = (
  unit: Unit,
  id: string,
  patch: OrderAttributesPatch,
): Promise<OrderReference> => change(unit, id, (oro) => setAttributesRule(oro, patch, unit.now));

export interface ConfirmOrderReferenceInput {
  readonly successUrl: string | null;
  readonly failureUrl: string | null;
  readonly authorizationAmount: Money | null;
  readonly expectImmediateAuthorization: boolean;
}

/**
 * ConfirmOrderReference (spec v1 §2.6, seed 000): Draft → Open, with the Confirmation Flow's URLs
 * stored and the SCA decision made for the buyer's payment (customer-initiated; the amount is
 * AuthorizationAmount or else OrderTotal).
 */
export async function confirmOrderReference(
  unit: Unit,
  id: string,
  input: ConfirmOrderReferenceInput,
): Promise<OrderReference> {
  const environment = unit.scope.environment;
  if (input.successUrl !== null)
    validateReturnUrl(input.successUrl, 'SuccessUrl', environment, unit.sandboxHttp);
  if (input.failureUrl !== null)
    validateReturnUrl(input.failureUrl, 'FailureUrl', environment, unit.sandboxHttp);
  if (input.failureUrl !== null && input.successUrl === null)
    throw invalidParameter('FailureUrl', 'it can only be given together with a SuccessUrl.');
  const before = await loadOrderReference(unit, id);
  const earlier = await unit.tx.v1Authorizations.listByOrderReference(unit.scope, id);
  const amount = input.authorizationAmount ?? before.orderTotal;
  const authentication =
    amount === null
      ? null
      : await decideContractAuthentication(unit, before, { amount, setsUpMandate: false });
  const after = confirmRule(
    before,
    input,
    authentication,
    earlier.some((a) => a.state !== 'Declined'),
    unit.now,
  );
  await saveOrderReference(unit, before, after);
  return after;
}

export { amountToAuthenticate };

/** CancelOrderReference: its pending and open authorizations close with it (spec v1 §2.6). */
export async function cancelOrderReference(
  unit: Unit,
  id: string,
  reason: string | null,
): Promise<OrderReference> {
  checkText('CancelationReason', reason);
  const canceled = await change(unit, id, (oro) => cancelRule(oro, unit.now));
  for (const auth of await unit.tx.v1Authorizations.listByOrderReference(unit.scope, id)) {
    const closed = closeForCanceledOrder(auth, unit.now);
    if (closed === auth) continue;
    await unit.tx.v1Authorizations.update(closed);
    await authorizationChanged(unit, auth, closed);
  }
  return canceled;
}

/** CloseOrderReference: a ClosureReason simulation closes it AmazonClosed (spec v1 §5). */
export function closeOrderReference(
  unit: Unit,
  id: string,
  closureReason: string | null,
): Promise<OrderReference> {
  checkText('ClosureReason', closureReason);
  const simulation = parseV1Simulation('Closure', closureReason, unit.scope.environment);
  return change(unit, id, (oro) => closeRule(oro, simulation !== null, unit.now));
}
