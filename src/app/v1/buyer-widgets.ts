import {
  giveConsent,
  newBillingAgreement,
  selectBaAddress,
  selectBaPaymentMethod,
} from '../../domain/billing-agreement/billing-agreement-operations.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import {
  attachBuyer,
  newOrderReference,
  selectAddress,
  selectPaymentMethod,
} from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import { newV1ContractId, v1ContractKind } from '../../domain/order-reference/v1-ids.js';
import type { Address, PaymentInstrument } from '../../domain/shared/buyer.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import type { TestBuyer } from '../../domain/simulation/test-buyers.js';
import { isSimulationCard, v1WalletInstruments } from '../../domain/simulation/v1-test-cards.js';
import type { AppDependencies } from '../ports.js';
import { inMerchantUnit, type Unit } from '../unit-of-work.js';
import { resolveAccessToken } from './v1-access-tokens.js';
import {
  loadBillingAgreement,
  loadOrderReference,
  saveBillingAgreement,
  saveOrderReference,
} from './v1-loaders.js';

/**
 * The AddressBook, Wallet and Consent widgets (spec v1 §7.2, §7.3): the signed-in buyer's access
 * token says who they are; the first widget rendered without an id creates a Draft order reference
 * (or, with agreementType BillingAgreement, a billing agreement); picking an address or a payment
 * method clears the constraints; the Consent widget records the buyer's consent.
 */
export interface WidgetContractView {
  readonly id: string;
  readonly kind: 'OrderReference' | 'BillingAgreement';
  readonly state: string;
  readonly addresses: readonly Address[];
  readonly instruments: readonly (PaymentInstrument & { readonly simulation: boolean })[];
  readonly selectedAddress: number | null;
  readonly selectedInstrumentId: string | null;
  readonly consent: boolean | null;
}

type Contract = OrderReference | BillingAgreement;

const sameAddress = (a: Address, b: Address | null): boolean =>
  b !== null && JSON.stringify(a) === JSON.stringify(b);

function viewOf(contract: Contract, buyer: TestBuyer): WidgetContractView {
  const kind = v1ContractKind(contract.id) ?? 'OrderReference';
  const selected = buyer.addresses.findIndex((a) => sameAddress(a, contract.selection.destination));
  return {
    id: contract.id,
    kind,
    state: contract.state,
    addresses: buyer.addresses,
    instruments: v1WalletInstruments(buyer.instruments).map((i) => ({
      ...i,
      simulation: isSimulationCard(i),
    })),
    selectedAddress: selected < 0 ? null : selected,
    selectedInstrumentId: contract.selection.instrument?.instrumentId ?? null,
    consent: 'consent' in contract ? contract.consent : null,
  };
}

async function withBuyer<T>(
  deps: AppDependencies,
  token: string,
  sellerId: string,
  environment: ReleaseEnvironment,
  work: (unit: Unit, buyer: TestBuyer) => Promise<T>,
): Promise<T> {
  const { merchant, buyer } = await resolveAccessToken(deps, token);
  if (sellerId !== '' && sellerId !== merchant.merchantId)
    throw new DomainError(
      'UnauthorizedAccess',
      `The access token was not issued for seller ${sellerId}.`,
    );
  return inMerchantUnit(deps, { merchantId: merchant.merchantId, environment }, (unit) =>
    work(unit, buyer),
  );
}

/** The first widget rendered without an id creates the contract for the signed-in buyer. */
export function createWidgetContract(
  deps: AppDependencies,
  token: string,
  sellerId: string,
  environment: ReleaseEnvironment,
  kind: 'OrderReference' | 'BillingAgreement',
): Promise<WidgetContractView> {
  return withBuyer(deps, token, sellerId, environment, async (unit, buyer) => {
    const base = {
      id: newV1ContractId(unit.random, kind, environment, unit.merchant.region),
      merchantId: unit.merchant.merchantId,
      environment,
      region: unit.merchant.region,
      buyer: buyer.details,
    };
    if (kind === 'OrderReference') {
      const oro = newOrderReference(base, unit.now);
      await unit.tx.orderReferences.insert(oro);
      return viewOf(oro, buyer);
    }
    const ba = newBillingAgreement(base, unit.now);
    await unit.tx.billingAgreements.insert(ba);
    return viewOf(ba, buyer);
  });
}

async function loadOwned(unit: Unit, id: string, buyer: TestBuyer): Promise<Contract> {
  const kind = v1ContractKind(id);
  if (kind === null) throw new DomainError('InvalidOrderReferenceId', `The Id ${id} is invalid.`);
  const contract =
    kind === 'OrderReference'
      ? await loadOrderReference(unit, id)
      : await loadBillingAgreement(unit, id);
  const owner = contract.selection.buyer?.buyerId;
  if (owner !== undefined && owner !== buyer.details.buyerId)
    throw new DomainError(
      'InvalidAddressConsentToken',
      `The signed-in buyer is not the buyer of ${id}.`,
    );
  return contract;
}

async function save(unit: Unit, before: Contract, after: Contract): Promise<void> {
  if ('consent' in before) await saveBillingAgreement(unit, before, after as BillingAgreement);
  else await saveOrderReference(unit, before, after as OrderReference);
}

export type WidgetAction =
  | { readonly kind: 'view' }
  | { readonly kind: 'address'; readonly addressIndex: number }
  | { readonly kind: 'paymentMethod'; readonly instrumentId: string }
  | { readonly kind: 'consent'; readonly consent: boolean };

/** A widget renders (view) or the buyer acts in it; answers the contract as the widget shows it. */
export function actInWidget(
  deps: AppDependencies,
  token: string,
  sellerId: string,
  environment: ReleaseEnvironment,
  id: string,
  action: WidgetAction,
): Promise<WidgetContractView> {
  return withBuyer(deps, token, sellerId, environment, async (unit, buyer) => {
    const before = await loadOwned(unit, id, buyer);
    let after: Contract = before;
    switch (action.kind) {
      case 'view':
        if (!('consent' in before) && before.selection.buyer === null)
          after = attachBuyer(before, buyer.details, unit.now);
        break;
      case 'address': {
        const address = buyer.addresses[action.addressIndex];
        if (!address)
          throw invalidParameter('addressIndex', "choose one of the buyer's addresses.");
        after =
          'consent' in before
            ? selectBaAddress(before, address, unit.now)
            : selectAddress(before, address, unit.now);
        break;
      }
      case 'paymentMethod': {
        const instrument = v1WalletInstruments(buyer.instruments).find(
          (i) => i.instrumentId === action.instrumentId,
        );
        if (!instrument)
          throw invalidParameter('instrumentId', "choose one of the buyer's payment methods.");
        const billing = buyer.addresses[0] ?? null;
        after =
          'consent' in before
            ? selectBaPaymentMethod(before, instrument, billing, unit.now)
            : selectPaymentMethod(before, instrument, billing, unit.now);
        break;
      }
      case 'consent':
        if (!('consent' in before))
          throw invalidParameter(
            'amazonBillingAgreementId',
            'consent is given on a billing agreement.',
          );
        after = giveConsent(before, action.consent, unit.now);
        break;
    }
    await save(unit, before, after);
    return viewOf(after, buyer);
  });
}
