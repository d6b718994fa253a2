/**
 * What the v1 (MWS) operations need from the store, beside the shared ports (ports.ts): merchants'
 * MWS access keys, Login with Amazon access tokens, the v1 aggregates, and merchant reference ids.
 */
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import type { Instant } from '../../domain/shared/time.js';
import type {
  ProviderCredit,
  ProviderCreditReversal,
} from '../../domain/provider-credit/provider-credit.js';
import type { V1Authorization, V1Capture, V1Refund } from '../../domain/v1-payments/v1-payments.js';
import type { AggregateRepository, Scope } from '../ports.js';

/** An MWS access key (AWSAccessKeyId) and its secret; a merchant may hold several. */
export interface MwsCredential {
  readonly accessKeyId: string;
  readonly merchantId: string;
  readonly secretKey: string;
  readonly createdAt: Instant;
}

export interface MwsCredentialRepository {
  find(accessKeyId: string): Promise<MwsCredential | undefined>;
  listByMerchant(merchantId: string): Promise<MwsCredential[]>;
  insert(credential: MwsCredential): Promise<void>;
}

/** An opaque Login with Amazon access token, tied to one test buyer of one merchant's client id. */
export interface V1AccessToken {
  readonly token: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
}

export interface V1AccessTokenRepository {
  find(token: string): Promise<V1AccessToken | undefined>;
  insert(token: V1AccessToken): Promise<void>;
}

export interface V1AuthorizationRepository extends AggregateRepository<V1Authorization> {
  listByOrderReference(scope: Scope, orderReferenceId: string): Promise<V1Authorization[]>;
  /** A billing agreement's authorizations created in [from, to) (its monthly limit). */
  listByBillingAgreement(
    scope: Scope,
    billingAgreementId: string,
    period: { readonly from: Instant; readonly to: Instant },
  ): Promise<V1Authorization[]>;
}

export interface V1RefundRepository extends AggregateRepository<V1Refund> {
  listByCapture(scope: Scope, captureId: string): Promise<V1Refund[]>;
}

export interface ProviderCreditRepository extends AggregateRepository<ProviderCredit> {
  listByCapture(scope: Scope, captureId: string): Promise<ProviderCredit[]>;
}

export interface ProviderCreditReversalRepository extends AggregateRepository<ProviderCreditReversal> {
  listByCredit(scope: Scope, providerCreditId: string): Promise<ProviderCreditReversal[]>;
}

export type V1ReferenceKind = 'Authorization' | 'Capture' | 'Refund' | 'CreditReversal';

export interface V1ReferenceRecord {
  readonly kind: V1ReferenceKind;
  readonly referenceId: string;
  readonly objectId: string;
  readonly createdAt: Instant;
}

export interface V1ReferenceRepository {
  find(
    scope: Scope,
    kind: V1ReferenceKind,
    referenceId: string,
  ): Promise<V1ReferenceRecord | undefined>;
  /** Throws UniqueViolation when the reference id is already taken (a concurrent request won). */
  insert(scope: Scope, record: V1ReferenceRecord): Promise<void>;
}

export interface V1Repositories {
  readonly mwsCredentials: MwsCredentialRepository;
  readonly v1AccessTokens: V1AccessTokenRepository;
  readonly orderReferences: AggregateRepository<OrderReference>;
  readonly billingAgreements: AggregateRepository<BillingAgreement>;
  readonly v1Authorizations: V1AuthorizationRepository;
  readonly v1Captures: AggregateRepository<V1Capture>;
  readonly v1Refunds: V1RefundRepository;
  readonly v1References: V1ReferenceRepository;
  readonly providerCredits: ProviderCreditRepository;
  readonly providerCreditReversals: ProviderCreditReversalRepository;
}
