/**
 * The one closed catalogue of rule violations. Codes reuse the Amazon Pay v2 reason codes verbatim
 * (spec amazon-pay-v2.md §5) so the v2 boundary can pass them through; the v1 boundary maps them to
 * MWS codes in its own table. Expected payment outcomes (declines, pending, challenges) are states,
 * not errors (DESIGN.md §3).
 */
export const ERROR_CODES = [
  // generic request problems (§5.1)
  'InvalidHeaderValue',
  'InvalidRequest',
  'InvalidParameterValue',
  'InvalidRequestFormat',
  'MissingHeader',
  'MissingHeaderValue',
  'MissingParameterValue',
  'UnrecognizedField',
  'InvalidSandboxSimulationSpecified',
  'DuplicateIdempotencyKey',
  'InvalidParameterCombination',
  'CurrencyMismatch',
  'InvalidAPIVersion',
  'UnauthorizedAccess',
  'InvalidAuthentication',
  'InvalidAccountStatus',
  'InvalidRequestSignature',
  'InvalidAuthorizationToken',
  'ResourceNotFound',
  'UnsupportedOperation',
  'RequestNotSupported',
  'TooManyRequests',
  'InternalServerError',
  'ServiceUnavailable',
  // operation-specific (§5.2)
  'TransactionAmountExceeded',
  'PeriodicAmountExceeded',
  'AmountMismatch',
  'CheckoutSessionCanceled',
  'InvalidCheckoutSessionStatus',
  'InvalidChargePermissionStatus',
  'ChargePermissionNotModifiable',
  'InvalidChargeStatus',
  'SoftDeclined',
  'HardDeclined',
  'AmazonRejected',
  'TransactionTimedOut',
  'PaymentMethodNotAllowed',
  'MFANotCompleted',
  'TransactionCountExceeded',
  'ProcessingFailure',
  // v1 (MWS OffAmazonPayments 2013-01-01, spec amazon-pay-v1.md §4.3): rule violations of the
  // order reference, billing agreement, authorization, capture and refund objects.
  'InvalidOrderReferenceId',
  'InvalidBillingAgreementId',
  'InvalidTransactionId',
  'InvalidOrderReferenceStatus',
  'InvalidBillingAgreementStatus',
  'InvalidAuthorizationStatus',
  'CaptureNotRefundable',
  'OrderReferenceNotModifiable',
  'BillingAgreementNotModifiable',
  'ConstraintsExist',
  'BillingAgreementConstraintsExist',
  'InvalidCancelAttempt',
  'InvalidCloseAttempt',
  'DuplicateReferenceId',
  'DuplicateRequest',
  'OrderReferenceCountExceeded',
  'PaymentMethodNotUpdated',
  'AmbiguousToken',
  'InvalidAddressConsentToken',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A broken rule. `message` is safe to show to the caller: it never carries internals. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const invalidParameter = (field: string, why: string): DomainError =>
  new DomainError('InvalidParameterValue', `The value provided for '${field}' is invalid: ${why}`);

export const missingParameter = (field: string): DomainError =>
  new DomainError(
    'MissingParameterValue',
    `The parameter '${field}' is required but was not provided.`,
  );

/** The "unexpected state" template shared by every lifecycle (DESIGN.md §6, example 4). */
export const unexpectedState = (
  code: ErrorCode,
  objectName: string,
  id: string,
  state: string,
  operation: string,
): DomainError =>
  new DomainError(
    code,
    `The ${objectName} ${id} is in state ${state}; ${operation} is not allowed in that state.`,
  );

export const notFound = (objectName: string, id: string): DomainError =>
  new DomainError('ResourceNotFound', `The ${objectName} with id ${id} was not found.`);
