import { describeInstrument, type Address } from '../domain/shared/buyer.js';
import { invalidParameter, notFound } from '../domain/shared/errors.js';
import { newBuyerId } from '../domain/shared/ids.js';
import { TEST_CARDS, testCardInstrument } from '../domain/simulation/payment-instruments.js';
import { defaultAddress, type TestBuyer } from '../domain/simulation/test-buyers.js';
import type { AppDependencies } from './ports.js';

/** Sandbox test buyers per merchant (spec §9.1): every merchant starts with one; add more here. */
export interface AddTestBuyerInput {
  readonly name: string;
  readonly email: string;
  readonly phoneNumber?: string | null | undefined;
  /** Addresses; default: one in the merchant's region under the buyer's name. */
  readonly addresses?: readonly Address[] | undefined;
  /** Card endings; default: every simulated card. Unknown endings behave like a working card. */
  readonly cardEndings?: readonly string[] | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function cardsFor(endings: readonly string[] | undefined): TestBuyer['instruments'] {
  if (endings === undefined) return TEST_CARDS.map(testCardInstrument);
  return endings.map((ending) => {
    if (!/^\d{4}$/.test(ending))
      throw invalidParameter('cardEndings', `'${ending}' is not four digits.`);
    const known = TEST_CARDS.find((card) => card.cardEnding === ending);
    return known
      ? testCardInstrument(known)
      : {
          instrumentId: `card-${ending}`,
          brand: 'Visa',
          cardEnding: ending,
          descriptor: describeInstrument('Visa', ending),
        };
  });
}

export function addTestBuyer(
  deps: AppDependencies,
  merchantId: string,
  input: AddTestBuyerInput,
): Promise<TestBuyer> {
  const name = input.name.trim();
  if (name === '' || name.length > 100) throw invalidParameter('name', 'give 1 to 100 characters.');
  if (!EMAIL.test(input.email) || input.email.length > 254)
    throw invalidParameter('email', 'it is not an email address.');
  return deps.store.transaction(async (tx) => {
    const merchant = await tx.merchants.find(merchantId);
    if (!merchant) throw notFound('merchant', merchantId);
    const buyer: TestBuyer = {
      details: {
        buyerId: newBuyerId(deps.random),
        name,
        email: input.email,
        phoneNumber: input.phoneNumber ?? null,
      },
      addresses:
        input.addresses && input.addresses.length > 0
          ? input.addresses
          : [defaultAddress(merchant.region, name)],
      instruments: cardsFor(input.cardEndings),
    };
    await tx.testBuyers.insert(merchantId, buyer, deps.clock.now());
    return buyer;
  });
}

export function listTestBuyers(deps: AppDependencies, merchantId: string): Promise<TestBuyer[]> {
  return deps.store.transaction(async (tx) => {
    if (!(await tx.merchants.find(merchantId))) throw notFound('merchant', merchantId);
    return tx.testBuyers.listByMerchant(merchantId);
  });
}
