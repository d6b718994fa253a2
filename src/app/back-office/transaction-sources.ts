import type {
  TransactionReportType,
  TransactionSources,
} from '../../domain/report/transaction-reports.js';
import type { Unit } from '../unit-of-work.js';

/**
 * The objects a transaction report is computed from, read for this report's kind only, off the
 * request path (report timers). The inspection listing reads the newest objects of a kind; a
 * report covers at most the newest 100,000 of each (docs/decisions.md).
 */
const NEWEST = 100_000;

const NEEDS = {
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_: ['orderReferences', 'chargePermissions'],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_: [
    'billingAgreements',
    'chargePermissions',
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_: ['authorizations', 'charges'],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_: ['captures', 'charges'],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_: ['refunds', 'chargeRefunds'],
} as const satisfies Record<TransactionReportType, readonly (keyof TransactionSources)[]>;

export async function transactionSources(
  unit: Unit,
  type: TransactionReportType,
): Promise<TransactionSources> {
  const needs: readonly (keyof TransactionSources)[] = NEEDS[type];
  const filter = {
    merchantId: unit.scope.merchantId,
    environment: unit.scope.environment,
    limit: NEWEST,
  };
  const when = async <T>(kind: keyof TransactionSources, list: () => Promise<T[]>) =>
    needs.includes(kind) ? list() : [];
  const { tx } = unit;
  return {
    orderReferences: await when('orderReferences', () => tx.orderReferences.list(filter)),
    billingAgreements: await when('billingAgreements', () => tx.billingAgreements.list(filter)),
    authorizations: await when('authorizations', () => tx.v1Authorizations.list(filter)),
    captures: await when('captures', () => tx.v1Captures.list(filter)),
    refunds: await when('refunds', () => tx.v1Refunds.list(filter)),
    chargePermissions: await when('chargePermissions', () => tx.chargePermissions.list(filter)),
    charges: await when('charges', () => tx.charges.list(filter)),
    chargeRefunds: await when('chargeRefunds', () => tx.refunds.list(filter)),
  };
}
