import {
  authorizationDetails,
  captureDetails,
  refundDetails,
  timestamp,
} from '../../app/v1/v1-details.js';
import {
  authorize,
  capture,
  closeAuthorization,
  getAuthorization,
  getCapture,
  getRefund,
  refund,
} from '../../app/v1/v1-payment-operations.js';
import { read, write, type MwsAction } from './mws-actions.js';

/** Authorize, Capture, Refund, their Get…Details, CloseAuthorization (spec v1 §2.8); the account (§2.9). */
export const PAYMENT_ACTIONS: Readonly<Record<string, MwsAction>> = {
  Authorize: write(async ({ unit, params }) => {
    const auth = await authorize(unit, {
      orderReferenceId: params.required('AmazonOrderReferenceId'),
      referenceId: params.required('AuthorizationReferenceId'),
      amount: params.requiredMoney('AuthorizationAmount'),
      sellerNote: params.optional('SellerAuthorizationNote'),
      softDescriptor: params.optional('SoftDescriptor'),
      captureNow: params.boolean('CaptureNow', false),
      transactionTimeout: params.integer('TransactionTimeout', 1440),
      providerCredits: params.providerList('ProviderCreditList', 'CreditAmount'),
    });
    return { AuthorizationDetails: authorizationDetails(auth, unit.merchant.name) };
  }),
  GetAuthorizationDetails: read(async ({ unit, params }) => ({
    AuthorizationDetails: authorizationDetails(
      await getAuthorization(unit, params.required('AmazonAuthorizationId')),
      unit.merchant.name,
    ),
  })),
  CloseAuthorization: write(async ({ unit, params }) => {
    await closeAuthorization(unit, params.required('AmazonAuthorizationId'));
    return {};
  }),
  Capture: write(async ({ unit, params }) => {
    const created = await capture(unit, {
      authorizationId: params.required('AmazonAuthorizationId'),
      referenceId: params.required('CaptureReferenceId'),
      amount: params.requiredMoney('CaptureAmount'),
      sellerNote: params.optional('SellerCaptureNote'),
      softDescriptor: params.optional('SoftDescriptor'),
      providerCredits: params.providerList('ProviderCreditList', 'CreditAmount'),
    });
    return { CaptureDetails: captureDetails(created, unit.merchant.name) };
  }),
  GetCaptureDetails: read(async ({ unit, params }) => ({
    CaptureDetails: captureDetails(
      await getCapture(unit, params.required('AmazonCaptureId')),
      unit.merchant.name,
    ),
  })),
  Refund: write(async ({ unit, params }) => {
    const created = await refund(unit, {
      captureId: params.required('AmazonCaptureId'),
      referenceId: params.required('RefundReferenceId'),
      amount: params.requiredMoney('RefundAmount'),
      sellerNote: params.optional('SellerRefundNote'),
      softDescriptor: params.optional('SoftDescriptor'),
      providerCreditReversals: params.providerList(
        'ProviderCreditReversalList',
        'CreditReversalAmount',
      ),
    });
    return { RefundDetails: refundDetails(created, unit.merchant.name) };
  }),
  GetRefundDetails: read(async ({ unit, params }) => ({
    RefundDetails: refundDetails(
      await getRefund(unit, params.required('AmazonRefundId')),
      unit.merchant.name,
    ),
  })),
  GetMerchantAccountStatus: read(() => Promise.resolve({ AccountStatus: 'ACTIVE' })),
  GetServiceStatus: read(({ unit }) =>
    Promise.resolve({ Status: 'GREEN', Timestamp: timestamp(unit.now) }),
  ),
};
