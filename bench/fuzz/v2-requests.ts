import fc from 'fast-check';
import {
  applyMutations,
  headerSafe,
  hostileKey,
  hostileString,
  mutation,
  wrongBody,
  encodeComponent,
} from './hostile-values.js';
import { backOfficeOperations } from './back-office-requests.js';
import { idFrom, queryString, type FuzzCase, type FuzzPool } from './fuzz-case.js';

/**
 * v2 API requests (spec §8): each operation with a valid-ish body built from its schema's fields,
 * then bent by a few mutations; signed with the merchant's real key, or sent unsigned or with a
 * broken signature.
 */

const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'SEK'];
// ProcessingFailure is left out: it is the documented, simulated 500 (spec §5.2).
const SIMULATION_CODES = [
  'SoftDeclined',
  'HardDeclined',
  'AmazonRejected',
  'TransactionTimedOut',
  'AuthorizationInitiated',
  'PendingSoftDeclined',
  'PendingHardDeclined',
  'PendingAmazonRejected',
  'PendingTransactionTimedOut',
  'CaptureInitiated',
  'BuyerActionRequired',
  'BuyerActionNotRequired',
  'BuyerCanceled',
  'Declined',
  'AmazonCanceled',
  'AmazonClosed',
];

const amount = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 20_000 }).map((n) => (n / 100).toFixed(2)), weight: 5 },
  { arbitrary: fc.integer({ min: 1, max: 500 }), weight: 1 },
  {
    arbitrary: fc.constantFrom('0', '0.001', '15000.00', '150000.01', '9999999999999', '-1', '1e3'),
    weight: 1,
  },
);
const url = fc.constantFrom(
  'http://localhost:3000/review',
  'https://shop.example/result',
  'http://127.0.0.1:9/cancel',
);
const metadata = fc.record(
  {
    merchantReferenceId: fc.string({ maxLength: 40 }),
    merchantStoreName: fc.string({ maxLength: 60 }),
    noteToBuyer: fc.string({ maxLength: 300 }),
    customInformation: fc.string({ maxLength: 200 }),
  },
  { requiredKeys: [] },
);
const address = fc.record(
  {
    name: fc.string({ maxLength: 30 }),
    addressLine1: fc.string({ maxLength: 30 }),
    city: fc.string({ maxLength: 20 }),
    postalCode: fc.string({ maxLength: 10 }),
    countryCode: fc.constantFrom('DE', 'US', 'GB', 'JP', 'XX', 'd'),
  },
  { requiredKeys: [] },
);
const deliverySpecifications = fc.record(
  {
    specialRestrictions: fc.array(fc.constantFrom('RestrictPOBoxes', 'RestrictPackstations'), {
      maxLength: 2,
    }),
    addressRestrictions: fc.record({
      type: fc.constantFrom('Allowed', 'NotAllowed'),
      restrictions: fc.dictionary(
        fc.oneof(fc.constantFrom('US', 'DE', 'GB'), hostileKey),
        fc.record({ statesOrRegions: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }) }),
        { maxKeys: 3 },
      ),
    }),
  },
  { requiredKeys: [] },
);

function operations(pool: FuzzPool) {
  const currency = fc.oneof(
    { arbitrary: fc.constant(pool.currency), weight: 8 },
    { arbitrary: fc.constantFrom(...CURRENCIES), weight: 1 },
    { arbitrary: hostileString, weight: 1 },
  );
  const price = fc.record({ amount, currencyCode: currency });
  const session = idFrom(pool.checkoutSessionIds, hostileString);
  const permission = idFrom(pool.chargePermissionIds, hostileString);
  const charge = idFrom(pool.chargeIds, hostileString);
  const refund = idFrom(pool.refundIds, hostileString);
  const enc = (id: string) => encodeComponent(id) || 'x';
  type Op = fc.Arbitrary<{ method: string; path: string; body: unknown }>;
  const op = (method: string, path: fc.Arbitrary<string>, body: fc.Arbitrary<unknown>): Op =>
    fc.record({ method: fc.constant(method), path, body });
  // A coherent kind of checkout (what the SDK samples send), then optional extras: valid as a
  // whole often enough that mutations bend one part of a request that would otherwise succeed.
  const kind = fc.oneof(
    fc.record({
      chargePermissionType: fc.constant('OneTime'),
      paymentDetails: fc.record({
        paymentIntent: fc.constantFrom('Authorize', 'AuthorizeWithCapture'),
        chargeAmount: price,
        canHandlePendingAuthorization: fc.boolean(),
      }),
    }),
    fc.record({
      chargePermissionType: fc.constant('PaymentMethodOnFile'),
      paymentMethodOnFileMetadata: fc.record({ setupOnly: fc.constant(true) }),
      paymentDetails: fc.record({ paymentIntent: fc.constant('Confirm') }),
    }),
    fc.record({
      chargePermissionType: fc.constant('Recurring'),
      recurringMetadata: fc.record(
        {
          frequency: fc.record({
            unit: fc.constantFrom('Month', 'Year', 'Variable'),
            value: fc.constantFrom('1', 2),
          }),
          amount: price,
        },
        { requiredKeys: ['frequency'] },
      ),
      paymentDetails: fc.record({ paymentIntent: fc.constant('Confirm') }),
    }),
  );
  const extras = fc.record(
    {
      merchantMetadata: metadata,
      deliverySpecifications,
      addressDetails: address,
      scopes: fc.array(fc.constantFrom('name', 'email', 'phoneNumber', 'billingAddress'), {
        maxLength: 3,
      }),
    },
    { requiredKeys: [] },
  );
  const createSession = fc
    .tuple(
      kind,
      extras,
      fc.record(
        {
          checkoutReviewReturnUrl: url,
          checkoutResultReturnUrl: url,
          checkoutCancelUrl: url,
          checkoutMode: fc.constant('ProcessOrder'),
        },
        { requiredKeys: ['checkoutReviewReturnUrl'] },
      ),
    )
    .map(([k, e, web]) => ({ webCheckoutDetails: web, storeId: pool.storeId, ...k, ...e }));
  const known = fc.oneof(
    op('POST', fc.constant('/checkoutSessions'), createSession),
    op(
      'GET',
      session.map((id) => `/checkoutSessions/${enc(id)}`),
      fc.constant(undefined),
    ),
    op(
      'PATCH',
      session.map((id) => `/checkoutSessions/${enc(id)}`),
      fc.record(
        {
          webCheckoutDetails: fc.record({ checkoutResultReturnUrl: url }),
          paymentDetails: fc.record(
            { paymentIntent: fc.constantFrom('Authorize', 'Confirm'), chargeAmount: price },
            { requiredKeys: [] },
          ),
          merchantMetadata: metadata,
        },
        { requiredKeys: [] },
      ),
    ),
    op(
      'POST',
      session.map((id) => `/checkoutSessions/${enc(id)}/complete`),
      fc.record({ chargeAmount: price, totalOrderAmount: price }, { requiredKeys: [] }),
    ),
    op(
      'POST',
      session.map((id) => `/checkoutSessions/${enc(id)}/finalize`),
      fc.record(
        {
          chargeAmount: price,
          paymentIntent: fc.constantFrom('Authorize', 'AuthorizeWithCapture', 'Confirm'),
          shippingAddress: address,
          billingAddress: address,
        },
        { requiredKeys: ['chargeAmount'] },
      ),
    ),
    op(
      'GET',
      permission.map((id) => `/chargePermissions/${enc(id)}`),
      fc.constant(undefined),
    ),
    op(
      'PATCH',
      permission.map((id) => `/chargePermissions/${enc(id)}`),
      fc.record(
        { merchantMetadata: metadata, recurringMetadata: fc.record({ amount: price }) },
        { requiredKeys: [] },
      ),
    ),
    op(
      'POST',
      fc.constant('/charges'),
      fc.record(
        {
          chargePermissionId: permission,
          chargeAmount: price,
          captureNow: fc.boolean(),
          canHandlePendingAuthorization: fc.boolean(),
          chargeInitiator: fc.constantFrom('CITU', 'MITU', 'MITR'),
          channel: fc.constantFrom('Web', 'Alexa', 'FireTv'),
          softDescriptor: fc.string({ maxLength: 20 }),
          merchantMetadata: metadata,
        },
        { requiredKeys: ['chargePermissionId', 'chargeAmount'] },
      ),
    ),
    op(
      'GET',
      charge.map((id) => `/charges/${enc(id)}`),
      fc.constant(undefined),
    ),
    op(
      'POST',
      charge.map((id) => `/charges/${enc(id)}/capture`),
      fc.record(
        { captureAmount: price, softDescriptor: fc.string({ maxLength: 20 }) },
        { requiredKeys: ['captureAmount'] },
      ),
    ),
    op(
      'POST',
      fc.constant('/refunds'),
      fc.record(
        { chargeId: charge, refundAmount: price, softDescriptor: fc.string({ maxLength: 20 }) },
        { requiredKeys: ['chargeId', 'refundAmount'] },
      ),
    ),
    op(
      'GET',
      refund.map((id) => `/refunds/${enc(id)}`),
      fc.constant(undefined),
    ),
  );
  // Closing and canceling end the pool's objects: rarer, so the rest keeps reaching them open.
  const ending = fc.oneof(
    op(
      'DELETE',
      permission.map((id) => `/chargePermissions/${enc(id)}/close`),
      fc.record(
        { closureReason: fc.string({ maxLength: 300 }), cancelPendingCharges: fc.boolean() },
        { requiredKeys: [] },
      ),
    ),
    op(
      'DELETE',
      charge.map((id) => `/charges/${enc(id)}/cancel`),
      fc.record({ cancellationReason: fc.string({ maxLength: 300 }) }, { requiredKeys: [] }),
    ),
  );
  const elsewhere = op(
    'GET',
    fc.string({ maxLength: 30 }).map((tail) => `/${encodeComponent(tail)}`),
    fc.constant(undefined),
  );
  return fc.oneof(
    { arbitrary: known, weight: 30 },
    { arbitrary: backOfficeOperations(pool, price), weight: 8 },
    { arbitrary: ending, weight: 2 },
    { arbitrary: elsewhere, weight: 1 },
  );
}

const idempotencyKey = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/), weight: 8 },
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: hostileString.map(headerSafe), weight: 1 },
);

const simulation = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 8 },
  { arbitrary: fc.constantFrom(...SIMULATION_CODES), weight: 2 },
  { arbitrary: hostileString.map(headerSafe), weight: 1 },
);

const body = (base: unknown) =>
  fc.oneof(
    { arbitrary: fc.constant(JSON.stringify(base)), weight: 3 },
    {
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((ms) => applyMutations(base, ms)),
      weight: 6,
    },
    { arbitrary: wrongBody, weight: 1 },
  );

/** Signed with the merchant's real key (or, for `unsigned`, missing, garbled or not matching). */
export function v2Requests(pool: FuzzPool, signed: boolean): fc.Arbitrary<FuzzCase> {
  return operations(pool).chain((operation) =>
    fc
      .record({
        prefix: fc.oneof(
          { arbitrary: fc.constant('/v2'), weight: 12 },
          { arbitrary: fc.constant('/sandbox/v2'), weight: 2 },
          { arbitrary: fc.constantFrom('/live/v2', '/v3', '/v2/v2'), weight: 1 },
        ),
        trailing: fc.oneof(
          { arbitrary: fc.constant(''), weight: 9 },
          { arbitrary: fc.constant('/'), weight: 1 },
        ),
        query: fc.oneof(
          { arbitrary: fc.constant(''), weight: 8 },
          { arbitrary: queryString(['a', 'page'], hostileString), weight: 1 },
        ),
        body: operation.body === undefined ? fc.constant(undefined) : body(operation.body),
        key: idempotencyKey,
        simulation,
        region: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 9 },
          {
            arbitrary: fc
              .oneof(fc.constantFrom('na', 'us', 'EU', 'de', 'uk', 'jp'), hostileKey)
              .map(headerSafe),
            weight: 1,
          },
        ),
        extraSignedNames: fc.oneof(
          { arbitrary: fc.constant([] as string[]), weight: 9 },
          {
            arbitrary: fc.array(
              fc.oneof(
                hostileKey.map((k) => headerSafe(k).toLowerCase()),
                fc.constantFrom('host', 'content-length', 'x-amz-pay-missing'),
              ),
              { maxLength: 3 },
            ),
            weight: 1,
          },
        ),
        authorization: fc.oneof(
          fc.constant(undefined),
          hostileString.map(headerSafe),
          fc.constantFrom(
            'AMZN-PAY-RSASSA-PSS PublicKeyId=SANDBOX-X, SignedHeaders=x-amz-pay-date, Signature=AAAA',
            'AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=__proto__, SignedHeaders=constructor;x-amz-pay-date;x-amz-pay-host;x-amz-pay-region, Signature=AAAA',
            'Bearer x',
          ),
        ),
      })
      .map((choice): FuzzCase => {
        const headers: Record<string, string> = {};
        if (choice.key !== undefined) headers['x-amz-pay-idempotency-key'] = choice.key;
        if (choice.simulation !== undefined)
          headers['x-amz-pay-simulation-code'] = choice.simulation;
        if (choice.region !== undefined) headers['x-amz-pay-region'] = choice.region;
        const url = `${choice.prefix}${operation.path}${choice.trailing}${choice.query}`;
        if (!signed) {
          headers['content-type'] = 'application/json';
          headers['x-amz-pay-date'] = new Date()
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d{3}/, '');
          if (choice.authorization !== undefined) headers.authorization = choice.authorization;
        }
        return {
          surface: signed ? 'v2-signed' : 'v2-unsigned',
          method: operation.method,
          url,
          headers,
          body: choice.body,
          signing: signed
            ? { kind: 'v2', extraSignedNames: choice.extraSignedNames }
            : { kind: 'none' },
        };
      }),
  );
}
