import type { ErrorCode } from '../../domain/shared/errors.js';

/**
 * One total table from reason code to HTTP status for the v2 API (spec §5.1, §5.2). The compiler
 * rejects a new code that is not placed here (DESIGN.md §3, "one complete table per API").
 */
export const V2_STATUS = {
  InvalidHeaderValue: 400,
  InvalidRequest: 400,
  InvalidParameterValue: 400,
  InvalidRequestFormat: 400,
  MissingHeader: 400,
  MissingHeaderValue: 400,
  MissingParameterValue: 400,
  UnrecognizedField: 400,
  InvalidSandboxSimulationSpecified: 400,
  DuplicateIdempotencyKey: 400,
  InvalidParameterCombination: 400,
  CurrencyMismatch: 400,
  InvalidAPIVersion: 400,
  UnauthorizedAccess: 401,
  InvalidAuthentication: 403,
  InvalidAccountStatus: 403,
  InvalidRequestSignature: 403,
  InvalidAuthorizationToken: 403,
  ResourceNotFound: 404,
  UnsupportedOperation: 405,
  RequestNotSupported: 405,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
  TransactionAmountExceeded: 400,
  PeriodicAmountExceeded: 400,
  AmountMismatch: 409,
  CheckoutSessionCanceled: 422,
  InvalidCheckoutSessionStatus: 422,
  InvalidChargePermissionStatus: 422,
  ChargePermissionNotModifiable: 422,
  InvalidChargeStatus: 422,
  SoftDeclined: 422,
  HardDeclined: 422,
  AmazonRejected: 422,
  TransactionTimedOut: 422,
  PaymentMethodNotAllowed: 422,
  MFANotCompleted: 422,
  TransactionCountExceeded: 422,
  ProcessingFailure: 500,
} as const satisfies Record<ErrorCode, number>;

export const errorBody = (reasonCode: string, message: string): string =>
  JSON.stringify({ reasonCode, message });
