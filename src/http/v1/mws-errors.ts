import type { ErrorCode } from '../../domain/shared/errors.js';

/**
 * Errors only the MWS transport raises (spec v1 §4.2): unknown key, bad signature, a seller the key
 * may not act for, an unknown action or version, a missing parameter, throttling.
 */
export const MWS_TRANSPORT_CODES = [
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'InvalidAddress',
  'MissingParameter',
  'RequestThrottled',
  'RequestExpired',
] as const;
export type MwsTransportCode = (typeof MWS_TRANSPORT_CODES)[number];

export class MwsTransportError extends Error {
  override readonly name = 'MwsTransportError';
  constructor(
    readonly code: MwsTransportCode,
    message: string,
  ) {
    super(message);
  }
}

interface WireError {
  readonly status: number;
  readonly code: string;
}

const same = (code: string, status: number): WireError => ({ code, status });

/**
 * The one total table from every error localpay can raise on the v1 API to its MWS code and HTTP
 * status (spec v1 §4.2, §4.3; statuses marked [P] there are localpay's choice, docs/decisions.md).
 * The compiler rejects a new domain or transport code that is not placed here.
 */
export const V1_ERRORS = {
  // transport
  InvalidAccessKeyId: same('InvalidAccessKeyId', 403),
  SignatureDoesNotMatch: same('SignatureDoesNotMatch', 403),
  AccessDenied: same('AccessDenied', 401),
  InvalidAddress: same('InvalidAddress', 400),
  MissingParameter: same('MissingParameter', 400),
  RequestThrottled: same('RequestThrottled', 503),
  RequestExpired: same('RequestExpired', 400),
  // generic request problems
  InvalidHeaderValue: same('InvalidParameterValue', 400),
  InvalidRequest: same('InvalidParameterValue', 400),
  InvalidParameterValue: same('InvalidParameterValue', 400),
  InvalidRequestFormat: same('InvalidParameterValue', 400),
  MissingHeader: same('MissingParameter', 400),
  MissingHeaderValue: same('MissingParameter', 400),
  MissingParameterValue: same('MissingParameter', 400),
  UnrecognizedField: same('InvalidParameterValue', 400),
  InvalidSandboxSimulationSpecified: same('InvalidSandboxSimulationSpecified', 400),
  DuplicateIdempotencyKey: same('DuplicateRequest', 400),
  InvalidParameterCombination: same('InvalidParameterValue', 400),
  CurrencyMismatch: same('CurrencyMismatch', 400),
  InvalidAPIVersion: same('InvalidAddress', 400),
  UnauthorizedAccess: same('UnauthorizedAccess', 401),
  InvalidAuthentication: same('InvalidAccessKeyId', 403),
  InvalidAccountStatus: same('InvalidAccountStatus', 403),
  InvalidRequestSignature: same('SignatureDoesNotMatch', 403),
  InvalidAuthorizationToken: same('AccessDenied', 401),
  ResourceNotFound: same('InvalidParameterValue', 400),
  UnsupportedOperation: same('InvalidAddress', 400),
  RequestNotSupported: same('InvalidAddress', 400),
  TooManyRequests: same('RequestThrottled', 503),
  InternalServerError: same('InternalServerError', 500),
  ServiceUnavailable: same('ServiceUnavailable', 503),
  // v2 operation codes, should one ever surface through a shared rule
  TransactionAmountExceeded: same('TransactionAmountExceeded', 400),
  PeriodicAmountExceeded: same('PeriodicAmountExceeded', 400),
  AmountMismatch: same('InvalidParameterValue', 400),
  CheckoutSessionCanceled: same('InvalidParameterValue', 400),
  InvalidCheckoutSessionStatus: same('InvalidParameterValue', 400),
  InvalidChargePermissionStatus: same('InvalidBillingAgreementStatus', 405),
  ChargePermissionNotModifiable: same('BillingAgreementNotModifiable', 405),
  InvalidChargeStatus: same('InvalidAuthorizationStatus', 405),
  SoftDeclined: same('InvalidPaymentMethod', 400),
  HardDeclined: same('InvalidPaymentMethod', 400),
  AmazonRejected: same('AmazonRejected', 400),
  TransactionTimedOut: same('TransactionTimedOut', 400),
  PaymentMethodNotAllowed: same('PaymentMethodNotAllowed', 400),
  MFANotCompleted: same('InvalidPaymentMethod', 400),
  TransactionCountExceeded: same('TransactionCountExceeded', 400),
  ProcessingFailure: same('InternalServerError', 500),
  // v1 object rules
  InvalidOrderReferenceId: same('InvalidOrderReferenceId', 404),
  InvalidBillingAgreementId: same('InvalidBillingAgreementId', 404),
  InvalidTransactionId: same('InvalidTransactionId', 404),
  InvalidOrderReferenceStatus: same('InvalidOrderReferenceStatus', 405),
  InvalidBillingAgreementStatus: same('InvalidBillingAgreementStatus', 405),
  InvalidAuthorizationStatus: same('InvalidAuthorizationStatus', 405),
  CaptureNotRefundable: same('CaptureNotRefundable', 405),
  OrderReferenceNotModifiable: same('OrderReferenceNotModifiable', 405),
  BillingAgreementNotModifiable: same('BillingAgreementNotModifiable', 405),
  ConstraintsExist: same('ConstraintsExist', 400),
  BillingAgreementConstraintsExist: same('BillingAgreementConstraintsExist', 400),
  InvalidCancelAttempt: same('InvalidCancelAttempt', 400),
  InvalidCloseAttempt: same('InvalidCloseAttempt', 400),
  DuplicateReferenceId: same('DuplicateReferenceId', 400),
  DuplicateRequest: same('DuplicateRequest', 400),
  OrderReferenceCountExceeded: same('OrderReferenceCountExceeded', 400),
  PaymentMethodNotUpdated: same('PaymentMethodNotUpdated', 400),
  AmbiguousToken: same('AmbiguousToken', 400),
  InvalidAddressConsentToken: same('InvalidAddressConsentToken', 404),
} as const satisfies Record<ErrorCode | MwsTransportCode, WireError>;

/** 4xx are the caller's fault (Sender), 5xx the service's (Receiver), as MWS marks them. */
export const errorType = (status: number): 'Sender' | 'Receiver' =>
  status >= 500 ? 'Receiver' : 'Sender';
