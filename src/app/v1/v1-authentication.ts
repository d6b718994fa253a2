import {
  newPaymentAuthentication,
  type PaymentAuthentication,
} from '../../domain/order-reference/payment-authentication.js';
import type { BuyerSelection } from '../../domain/order-reference/v1-contract.js';
import type { Money } from '../../domain/shared/money.js';
import type { ContractSimulation } from '../../domain/simulation/v1-simulations.js';
import { decidePaymentAuthentication } from '../sca-authentication.js';
import type { Unit } from '../unit-of-work.js';

/**
 * The SCA decision for a v1 contract, made when it is confirmed, by the same policy and issuer
 * counters as v2 (sca-authentication.ts, sca-policy.ts): an order reference confirmed by a buyer
 * at checkout is customer-initiated; setting up a billing agreement sets up a mandate. A SellerNote
 * simulation forces the challenge and fixes its outcome (seed 000).
 */
export async function decideContractAuthentication(
  unit: Unit,
  contract: {
    readonly selection: BuyerSelection;
    readonly simulation: ContractSimulation | null;
  },
  payment: { readonly amount: Money; readonly setsUpMandate: boolean },
): Promise<PaymentAuthentication> {
  const sim = contract.simulation;
  const simulated = sim?.kind === 'AuthenticationStatus' ? sim.state : null;
  const simulatedError = sim?.kind === 'ConfirmationFlowError' ? sim.errorCode : null;
  const decision = await decidePaymentAuthentication(unit, {
    initiator: payment.setsUpMandate ? 'CITR' : 'CITU',
    amount: payment.amount,
    forced: simulated !== null || simulatedError !== null ? true : null,
    setsUpMandate: payment.setsUpMandate,
    buyerId: contract.selection.buyer?.buyerId ?? null,
    instrumentId: contract.selection.instrument?.instrumentId ?? null,
    authenticatedSeriesAmount: null,
  });
  return newPaymentAuthentication(
    decision,
    unit.random.digits(6),
    simulated,
    simulatedError,
    unit.now,
  );
}
