import fc from 'fast-check';
import {
  headerSafe,
  hostileKey,
  hostileString,
  deepNesting,
  PROTOTYPE_KEYS,
} from './hostile-values.js';
import { idFrom, type FuzzCase, type FuzzPool } from './fuzz-case.js';

/**
 * v1 MWS requests (spec v1 §2): every action with the parameters it reads, ids of real objects,
 * amounts, notes carrying SandboxSimulation JSON (valid, wrong and deeply nested), then mutated:
 * fields dropped, values replaced, hostile names added, names repeated. Signed for real.
 */

const ACTIONS = [
  'GetOrderReferenceDetails',
  'SetOrderReferenceDetails',
  'SetOrderAttributes',
  'ConfirmOrderReference',
  'CancelOrderReference',
  'CloseOrderReference',
  'Authorize',
  'GetAuthorizationDetails',
  'CloseAuthorization',
  'Capture',
  'GetCaptureDetails',
  'Refund',
  'GetRefundDetails',
  'GetBillingAgreementDetails',
  'SetBillingAgreementDetails',
  'ConfirmBillingAgreement',
  'ValidateBillingAgreement',
  'CloseBillingAgreement',
  'CreateOrderReferenceForId',
  'AuthorizeOnBillingAgreement',
  'GetMerchantAccountStatus',
  'GetServiceStatus',
] as const;

const amount = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 30_000 }).map((n) => (n / 100).toFixed(2)), weight: 5 },
  { arbitrary: fc.constantFrom('0', '-1', '1e3', '99999999999999999999', '0.001', ''), weight: 1 },
);
const simulationNote = fc.oneof(
  fc.constantFrom(
    '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod","PaymentMethodUpdateTimeInMins":5}}',
    '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
    '{"SandboxSimulation":{"State":"Declined","ReasonCode":"TransactionTimedOut","SoftDecline":"true"}}',
    '{"SandboxSimulation":{"State":"Closed","ReasonCode":"ExpiredUnused","ExpirationTimeInMins":1}}',
    '{"SandboxSimulation":{"State":"Closed","ReasonCode":"AmazonClosed"}}',
    '{"SandboxSimulation":{"State":"Pending"}}',
    '{"SandboxSimulation":{"Constraint":"PaymentMethodNotAllowed"}}',
    '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Failure"}}}',
    '{"SandboxSimulation":{"__proto__":{"State":"Declined"}}}',
    '{"SandboxSimulation":"constructor"}',
    '{"SandboxSimulation":',
  ),
  deepNesting.map((nest) => `{"SandboxSimulation":${nest}}`),
  fc
    .record(
      {
        State: hostileString,
        ReasonCode: fc.oneof(hostileString, fc.constantFrom(...PROTOTYPE_KEYS)),
        ExpirationTimeInMins: fc.oneof(fc.integer(), hostileString),
      },
      { requiredKeys: [] },
    )
    .map((sim) => JSON.stringify({ SandboxSimulation: sim })),
  fc.string({ maxLength: 80 }),
);

function baseFields(pool: FuzzPool): fc.Arbitrary<[string, string][]> {
  const currency = fc.oneof(
    { arbitrary: fc.constant(pool.currency), weight: 8 },
    { arbitrary: fc.constantFrom('USD', 'EUR', 'GBP', 'JPY'), weight: 1 },
    { arbitrary: hostileString, weight: 1 },
  );
  const oro = idFrom(pool.orderReferenceIds, hostileString);
  const ba = idFrom(pool.billingAgreementIds, hostileString);
  const auth = idFrom(pool.authorizationIds, hostileString);
  const capture = idFrom(pool.captureIds, hostileString);
  const refund = idFrom(pool.v1RefundIds, hostileString);
  const token = idFrom(pool.accessTokens, hostileString);
  const reference = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/), hostileString);
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 3 });
  return fc
    .record({
      action: fc.oneof(
        { arbitrary: fc.constantFrom(...ACTIONS), weight: 12 },
        { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 1 },
        { arbitrary: hostileString, weight: 1 },
      ),
      oro,
      ba,
      auth,
      capture,
      refund,
      token,
      reference,
      amount,
      currency,
      note: maybe(simulationNote),
      bool: fc.constantFrom('true', 'false', 'TRUE', 'yes', ''),
      timeout: fc.oneof(fc.constantFrom('0', '1440', '-1', '99999999999'), hostileString),
      category: maybe(fc.array(hostileString, { maxLength: 3 })),
      idType: fc.constantFrom('BillingAgreement', 'OrderReference', '__proto__'),
    })
    .map((v) => {
      const f: [string, string][] = [['Action', v.action]];
      const add = (name: string, value: string | null) => {
        if (value !== null) f.push([name, value]);
      };
      const money = (prefix: string) => {
        add(`${prefix}.Amount`, v.amount);
        add(`${prefix}.CurrencyCode`, v.currency);
      };
      // Authorize and AuthorizeOnBillingAgreement read the same authorization fields.
      const authorization = () => {
        add('AuthorizationReferenceId', v.reference);
        money('AuthorizationAmount');
        add('SellerAuthorizationNote', v.note);
        add('TransactionTimeout', v.timeout);
        add('CaptureNow', v.bool);
      };
      switch (v.action) {
        case 'GetOrderReferenceDetails':
          add('AmazonOrderReferenceId', v.oro);
          add('AccessToken', v.token);
          break;
        case 'SetOrderReferenceDetails':
        case 'SetOrderAttributes': {
          const prefix =
            v.action === 'SetOrderAttributes' ? 'OrderAttributes' : 'OrderReferenceAttributes';
          add('AmazonOrderReferenceId', v.oro);
          money(`${prefix}.OrderTotal`);
          add(`${prefix}.SellerNote`, v.note);
          add(`${prefix}.SellerOrderAttributes.SellerOrderId`, v.reference);
          add(`${prefix}.RequestPaymentAuthorization`, v.bool);
          (v.category ?? []).forEach((c, i) =>
            add(
              `${prefix}.SellerOrderAttributes.OrderItemCategories.OrderItemCategory.${i + 1}`,
              c,
            ),
          );
          break;
        }
        case 'ConfirmOrderReference':
          add('AmazonOrderReferenceId', v.oro);
          add('SuccessUrl', 'http://localhost:3000/ok');
          add('FailureUrl', 'http://localhost:3000/ko');
          money('AuthorizationAmount');
          break;
        case 'CancelOrderReference':
          add('AmazonOrderReferenceId', v.oro);
          add('CancelationReason', v.note);
          break;
        case 'CloseOrderReference':
          add('AmazonOrderReferenceId', v.oro);
          add('ClosureReason', v.note);
          break;
        case 'Authorize':
          add('AmazonOrderReferenceId', v.oro);
          authorization();
          break;
        case 'GetAuthorizationDetails':
        case 'CloseAuthorization':
          add('AmazonAuthorizationId', v.auth);
          add('ClosureReason', v.note);
          break;
        case 'Capture':
          add('AmazonAuthorizationId', v.auth);
          add('CaptureReferenceId', v.reference);
          money('CaptureAmount');
          add('SellerCaptureNote', v.note);
          break;
        case 'GetCaptureDetails':
          add('AmazonCaptureId', v.capture);
          break;
        case 'Refund':
          add('AmazonCaptureId', v.capture);
          add('RefundReferenceId', v.reference);
          money('RefundAmount');
          add('SellerRefundNote', v.note);
          break;
        case 'GetRefundDetails':
          add('AmazonRefundId', v.refund);
          break;
        case 'GetBillingAgreementDetails':
        case 'ConfirmBillingAgreement':
        case 'ValidateBillingAgreement':
          add('AmazonBillingAgreementId', v.ba);
          add('AccessToken', v.token);
          break;
        case 'SetBillingAgreementDetails':
          add('AmazonBillingAgreementId', v.ba);
          add('BillingAgreementAttributes.SellerNote', v.note);
          add(
            'BillingAgreementAttributes.SellerBillingAgreementAttributes.SellerBillingAgreementId',
            v.reference,
          );
          break;
        case 'CloseBillingAgreement':
          add('AmazonBillingAgreementId', v.ba);
          add('ClosureReason', v.note);
          break;
        case 'CreateOrderReferenceForId':
          add('Id', v.ba);
          add('IdType', v.idType);
          add('ConfirmNow', v.bool);
          money('OrderReferenceAttributes.OrderTotal');
          break;
        case 'AuthorizeOnBillingAgreement':
          add('AmazonBillingAgreementId', v.ba);
          authorization();
          add('InheritShippingAddress', v.bool);
          break;
        default:
          break;
      }
      return f;
    });
}

type FieldMutation = { kind: 'drop' | 'value' | 'name' | 'repeat'; at: number; text: string };
const fieldMutation: fc.Arbitrary<FieldMutation> = fc.record({
  kind: fc.constantFrom('drop', 'value', 'name', 'repeat'),
  at: fc.nat(),
  text: fc.oneof(hostileString, hostileKey),
});

function mutate(fields: [string, string][], changes: readonly FieldMutation[]): [string, string][] {
  const out = fields.map(([n, v]): [string, string] => [n, v]);
  for (const change of changes) {
    const index = change.at % Math.max(out.length, 1);
    const field = out[index];
    if (change.kind === 'name') out.push([change.text, change.text]);
    else if (!field) continue;
    else if (change.kind === 'drop') out.splice(index, 1);
    else if (change.kind === 'value') out[index] = [field[0], change.text];
    else out.push([field[0], change.text]);
  }
  return out;
}

const PATHS = [
  '/OffAmazonPayments_Sandbox/2013-01-01',
  '/OffAmazonPayments/2013-01-01',
  '/OffAmazonPayments_Sandbox/2013-01-01/',
];

export function v1Requests(pool: FuzzPool): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      fields: baseFields(pool),
      changes: fc.oneof(
        { arbitrary: fc.constant([] as FieldMutation[]), weight: 2 },
        { arbitrary: fc.array(fieldMutation, { minLength: 1, maxLength: 3 }), weight: 3 },
      ),
      path: fc.oneof(
        { arbitrary: fc.constant(PATHS[0] as string), weight: 8 },
        { arbitrary: fc.constantFrom(...PATHS), weight: 2 },
      ),
      contentType: fc.oneof(
        { arbitrary: fc.constant('application/x-www-form-urlencoded; charset=utf-8'), weight: 9 },
        {
          arbitrary: fc.constantFrom(
            'text/plain',
            'application/json',
            '',
            'multipart/form-data; boundary=x',
          ),
          weight: 1,
        },
      ),
    })
    .map(({ fields, changes, path, contentType }): FuzzCase => ({
      surface: 'v1-signed',
      method: 'POST',
      url: path,
      headers: contentType === '' ? {} : { 'content-type': headerSafe(contentType) },
      body: undefined,
      signing: { kind: 'mws', fields: mutate(fields, changes) },
    }));
}
