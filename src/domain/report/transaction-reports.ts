import type { BillingAgreement } from '../billing-agreement/billing-agreement.js';
import type { ChargePermission } from '../charge-permission/charge-permission.js';
import type { Charge, ChargeState } from '../charge/charge.js';
import type { OrderReference } from '../order-reference/order-reference.js';
import type { Refund, RefundState } from '../refund/refund.js';
import { formatAmount, type Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type { V1Authorization, V1Capture, V1Refund } from '../v1-payments/v1-payments.js';
import { csvLine, reportDate } from './settlement-report-csv.js';
import { compareText } from '../shared/compare-text.js';

/**
 * Transaction reports (amazon-pay-reports/transaction-reports.html): "a list of Amazon objects
 * that were either created, confirmed (in the case of an Order Reference object), or updated due
 * to state change during the reporting period", one report per object kind. The page's column
 * tables are not in localpay's references: the columns are the objects' own MWS element names, in
 * the order of their Details elements, and each object is listed once with its state when the
 * report is generated (docs/decisions.md). v2 objects are listed under the v1 names of what they
 * stand for: a charge is an authorization (and a capture once captured), a OneTime charge
 * permission an order reference, a Recurring or PaymentMethodOnFile one a billing agreement.
 */
export const TRANSACTION_REPORT_TYPES = [
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_',
] as const;
export type TransactionReportType = (typeof TRANSACTION_REPORT_TYPES)[number];

export const isTransactionReportType = (type: string): type is TransactionReportType =>
  (TRANSACTION_REPORT_TYPES as readonly string[]).includes(type);

const TIMES = ['CreationTimestamp', 'LastUpdateTimestamp'] as const;

export const TRANSACTION_COLUMNS = {
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_: [
    'AmazonOrderReferenceId',
    'SellerOrderId',
    'StoreName',
    'OrderTotal',
    'CurrencyCode',
    'OrderReferenceStatus',
    'ReasonCode',
    ...TIMES,
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_: [
    'AmazonBillingAgreementId',
    'SellerBillingAgreementId',
    'StoreName',
    'BillingAgreementStatus',
    'ReasonCode',
    ...TIMES,
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_: [
    'AmazonAuthorizationId',
    'AuthorizationReferenceId',
    'AmazonOrderReferenceId',
    'AuthorizationAmount',
    'CapturedAmount',
    'CurrencyCode',
    'AuthorizationStatus',
    'ReasonCode',
    ...TIMES,
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_: [
    'AmazonCaptureId',
    'CaptureReferenceId',
    'AmazonOrderReferenceId',
    'CaptureAmount',
    'RefundedAmount',
    'CurrencyCode',
    'CaptureStatus',
    'ReasonCode',
    ...TIMES,
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_: [
    'AmazonRefundId',
    'RefundReferenceId',
    'AmazonCaptureId',
    'AmazonOrderReferenceId',
    'RefundAmount',
    'CurrencyCode',
    'RefundStatus',
    'ReasonCode',
    ...TIMES,
  ],
} as const satisfies Record<TransactionReportType, readonly string[]>;

/** The objects of one merchant and environment a transaction report is computed from. */
export interface TransactionSources {
  readonly orderReferences: readonly OrderReference[];
  readonly billingAgreements: readonly BillingAgreement[];
  readonly authorizations: readonly V1Authorization[];
  readonly captures: readonly V1Capture[];
  readonly refunds: readonly V1Refund[];
  readonly chargePermissions: readonly ChargePermission[];
  readonly charges: readonly Charge[];
  readonly chargeRefunds: readonly Refund[];
}

interface Row {
  readonly created: Instant;
  readonly at: Instant;
  readonly id: string;
  readonly values: readonly string[];
}

const amount = (money: Money | null): string => (money === null ? '' : formatAmount(money));
const times = (object: { readonly createdAt: Instant; readonly lastUpdatedAt: Instant }) => [
  reportDate(object.createdAt),
  reportDate(object.lastUpdatedAt),
];
const row = (
  object: { readonly id: string; readonly createdAt: Instant; readonly lastUpdatedAt: Instant },
  values: readonly string[],
): Row => ({
  created: object.createdAt,
  at: object.lastUpdatedAt,
  id: object.id,
  values: [...values, ...times(object)],
});

/** v2 states under the v1 status names of the objects they stand for. */
const AUTHORIZATION_STATUS = {
  ActionRequired: 'Pending',
  AuthorizationInitiated: 'Pending',
  Authorized: 'Open',
  CaptureInitiated: 'Open',
  Captured: 'Closed',
  Canceled: 'Closed',
  Declined: 'Declined',
} as const satisfies Record<ChargeState, string>;
const REFUND_STATUS = {
  RefundInitiated: 'Pending',
  Refunded: 'Completed',
  Declined: 'Declined',
} as const satisfies Record<RefundState, string>;
const PERMISSION_STATUS = {
  Chargeable: 'Open',
  NonChargeable: 'Suspended',
  Closed: 'Closed',
} as const;

const ROWS: Record<TransactionReportType, (sources: TransactionSources) => Row[]> = {
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_: (s) => [
    ...s.orderReferences.map((o) =>
      row(o, [
        o.id,
        o.sellerOrderAttributes.sellerOrderId ?? '',
        o.sellerOrderAttributes.storeName ?? '',
        amount(o.orderTotal),
        o.orderTotal?.currency ?? '',
        o.state,
        o.reasonCode ?? '',
      ]),
    ),
    ...s.chargePermissions
      .filter((p) => p.type === 'OneTime')
      .map((p) =>
        row(p, [
          p.id,
          p.merchantMetadata.merchantReferenceId ?? '',
          p.merchantMetadata.merchantStoreName ?? '',
          '',
          p.presentmentCurrency,
          PERMISSION_STATUS[p.state],
          p.reasons?.[0]?.reasonCode ?? '',
        ]),
      ),
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_: (s) => [
    ...s.billingAgreements.map((b) =>
      row(b, [
        b.id,
        b.sellerAttributes.sellerBillingAgreementId ?? '',
        b.sellerAttributes.storeName ?? '',
        b.state,
        b.reasonCode ?? '',
      ]),
    ),
    ...s.chargePermissions
      .filter((p) => p.type !== 'OneTime')
      .map((p) =>
        row(p, [
          p.id,
          p.merchantMetadata.merchantReferenceId ?? '',
          p.merchantMetadata.merchantStoreName ?? '',
          PERMISSION_STATUS[p.state],
          p.reasons?.[0]?.reasonCode ?? '',
        ]),
      ),
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_: (s) => [
    ...s.authorizations.map((a) =>
      row(a, [
        a.id,
        a.referenceId,
        a.orderReferenceId,
        amount(a.amount),
        amount(a.capturedAmount),
        a.amount.currency,
        a.state,
        a.reasonCode ?? '',
      ]),
    ),
    ...s.charges.map((c) =>
      row(c, [
        c.id,
        c.merchantMetadata.merchantReferenceId ?? '',
        c.chargePermissionId,
        amount(c.chargeAmount),
        amount(c.captureAmount),
        c.chargeAmount.currency,
        AUTHORIZATION_STATUS[c.state],
        c.reasonCode ?? '',
      ]),
    ),
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_: (s) => [
    ...s.captures.map((c) =>
      row(c, [
        c.id,
        c.referenceId,
        c.orderReferenceId,
        amount(c.amount),
        amount(c.refundedAmount),
        c.amount.currency,
        c.state,
        c.reasonCode ?? '',
      ]),
    ),
    ...s.charges
      .filter((c) => c.state === 'CaptureInitiated' || c.state === 'Captured')
      .map((c) =>
        row(c, [
          c.id,
          c.merchantMetadata.merchantReferenceId ?? '',
          c.chargePermissionId,
          amount(c.captureAmount ?? c.chargeAmount),
          amount(c.refundedAmount),
          c.chargeAmount.currency,
          c.state === 'Captured' ? 'Completed' : 'Pending',
          c.reasonCode ?? '',
        ]),
      ),
  ],
  _GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_: (s) => [
    ...s.refunds.map((r) =>
      row(r, [
        r.id,
        r.referenceId,
        r.captureId,
        r.orderReferenceId,
        amount(r.amount),
        r.amount.currency,
        r.state,
        r.reasonCode ?? '',
      ]),
    ),
    ...s.chargeRefunds.map((r) =>
      row(r, [
        r.id,
        '',
        r.chargeId,
        r.chargePermissionId,
        amount(r.refundAmount),
        r.refundAmount.currency,
        REFUND_STATUS[r.state],
        r.reasonCode ?? '',
      ]),
    ),
  ],
};

/**
 * The report's flat file: a header row and one row per object created or last changed in
 * [start, end), oldest change first; comma separated, every field quoted, CRLF, as the settlement
 * report. Null when no object qualifies (the report is then cancelled for having no data).
 */
export function transactionReportCsv(
  type: TransactionReportType,
  sources: TransactionSources,
  range: { readonly start: Instant; readonly end: Instant },
): string | null {
  const inRange = (at: Instant) => at >= range.start && at < range.end;
  const rows = ROWS[type](sources)
    .filter((r) => inRange(r.at) || inRange(r.created))
    .sort((a, b) => a.at - b.at || compareText(a.id, b.id));
  if (rows.length === 0) return null;
  return [csvLine(TRANSACTION_COLUMNS[type]), ...rows.map((r) => csvLine(r.values)), ''].join(
    '\r\n',
  );
}
