import type { Loader } from '../load-aggregates.js';
import { chargePermissions, charges, checkoutSessions, refunds } from '../load-aggregates.js';
import type { AggregateRepository, Transaction } from '../ports.js';
import { disputes, reports } from '../back-office/back-office-loaders.js';
import { deliveryTrackerObjects, deliveryTrackers } from './delivery-tracker-objects.js';
import {
  billingAgreements,
  orderReferences,
  v1Authorizations,
  v1Captures,
  v1Refunds,
} from '../v1/v1-loaders.js';
import { providerCreditReversals, providerCredits } from '../v1/provider-credit-operations.js';

/**
 * Every kind of object the console lists (issue 14 point 2), by the slug of its console URL: the
 * repository that lists it and the loader that reads it as the API would (due timers fired first).
 * Adding an aggregate adds one row here (delivery trackers, plain rows, through a read-only view).
 */
export interface ObjectKind {
  readonly slug: string;
  readonly label: string;
  readonly api: 'v2' | 'v1';
  readonly repository: (tx: Transaction) => AggregateRepository<unknown>;
  readonly loader: Loader<unknown>;
}

const kind = <T>(
  slug: string,
  label: string,
  api: 'v2' | 'v1',
  repository: (tx: Transaction) => AggregateRepository<T>,
  loader: Loader<T>,
): ObjectKind => ({
  slug,
  label,
  api,
  repository,
  loader: loader as unknown as Loader<unknown>,
});

export const OBJECT_KINDS: readonly ObjectKind[] = [
  kind(
    'checkout-sessions',
    'Checkout Sessions',
    'v2',
    (tx) => tx.checkoutSessions,
    checkoutSessions,
  ),
  kind(
    'charge-permissions',
    'Charge Permissions',
    'v2',
    (tx) => tx.chargePermissions,
    chargePermissions,
  ),
  kind('charges', 'Charges', 'v2', (tx) => tx.charges, charges),
  kind('refunds', 'Refunds', 'v2', (tx) => tx.refunds, refunds),
  kind('disputes', 'Disputes', 'v2', (tx) => tx.disputes, disputes),
  kind('reports', 'Reports', 'v2', (tx) => tx.reports, reports),
  kind('delivery-trackers', 'Delivery Trackers', 'v2', deliveryTrackerObjects, deliveryTrackers),
  kind(
    'order-references',
    'Order References (v1)',
    'v1',
    (tx) => tx.orderReferences,
    orderReferences,
  ),
  kind(
    'billing-agreements',
    'Billing Agreements (v1)',
    'v1',
    (tx) => tx.billingAgreements,
    billingAgreements,
  ),
  kind(
    'authorizations',
    'Authorizations (v1)',
    'v1',
    (tx) => tx.v1Authorizations,
    v1Authorizations,
  ),
  kind('captures', 'Captures (v1)', 'v1', (tx) => tx.v1Captures, v1Captures),
  kind('v1-refunds', 'Refunds (v1)', 'v1', (tx) => tx.v1Refunds, v1Refunds),
  kind(
    'provider-credits',
    'Provider Credits (v1)',
    'v1',
    (tx) => tx.providerCredits,
    providerCredits,
  ),
  kind(
    'provider-credit-reversals',
    'Provider Credit Reversals (v1)',
    'v1',
    (tx) => tx.providerCreditReversals,
    providerCreditReversals,
  ),
];

/** Own-property look-up only: a slug from the URL never reaches Object.prototype (issue 10 point 6). */
const BY_SLUG = new Map(OBJECT_KINDS.map((k) => [k.slug, k]));
export const objectKind = (slug: string): ObjectKind | undefined => BY_SLUG.get(slug);

/** Fields naming another object, and the kind they name (the object page's related links). */
export const REFERENCE_FIELDS: ReadonlyMap<string, string> = new Map([
  ['checkoutSessionId', 'checkout-sessions'],
  ['chargePermissionId', 'charge-permissions'],
  ['existingChargePermissionId', 'charge-permissions'],
  ['chargeId', 'charges'],
  ['orderReferenceId', 'order-references'],
  ['billingAgreementId', 'billing-agreements'],
  ['parentBillingAgreementId', 'billing-agreements'],
  ['authorizationId', 'authorizations'],
  ['captureId', 'captures'],
  ['providerCreditId', 'provider-credits'],
]);
