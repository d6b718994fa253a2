import { ledgerCurrencyOf } from '../../domain/charge-permission/charge-permission-operations.js';
import type { CreateCheckoutSessionInput } from '../../domain/checkout-session/checkout-session-operations.js';
import type {
  CheckoutSession,
  ProductType,
} from '../../domain/checkout-session/checkout-session.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import { createCheckoutSession } from '../create-checkout-session.js';
import type { AppDependencies, Scope } from '../ports.js';
import { inMerchantUnit } from '../unit-of-work.js';

/**
 * The Amazon Pay button was clicked (checkout.js): its payload, already verified against the
 * merchant's key and parsed by Create Checkout Session's own schema, becomes a Checkout Session
 * exactly as Create Checkout Session makes one (same operation, same rules, same errors). What
 * the button adds is checked here: the ledger currency must be the merchant's, and the button's
 * productType applies unless the payload names one (they must then agree).
 */
export interface ButtonOptions {
  readonly ledgerCurrency: string | undefined;
  readonly productType: Exclude<ProductType, 'PayAndShipMultiAddress'>;
}

export function startButtonCheckout(
  deps: AppDependencies,
  scope: Scope,
  input: CreateCheckoutSessionInput,
  button: ButtonOptions,
): Promise<CheckoutSession> {
  return inMerchantUnit(deps, scope, async (unit) => {
    const ledger = ledgerCurrencyOf(unit.merchant.region);
    if (button.ledgerCurrency !== ledger)
      throw invalidParameter(
        'ledgerCurrency',
        `the merchant's ledger currency is ${ledger}, the button says ${button.ledgerCurrency ?? 'nothing'}.`,
      );
    if (input.productType !== undefined && input.productType !== button.productType)
      throw invalidParameter(
        'productType',
        `the button says ${button.productType} but the signed payload says ${input.productType}.`,
      );
    return createCheckoutSession(unit, { ...input, productType: button.productType });
  });
}
