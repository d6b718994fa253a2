import fc from 'fast-check';
import {
  applyMutations,
  hostileKey,
  hostileString,
  mutation,
  wrongBody,
  encodeComponent,
} from './hostile-values.js';
import { idFrom, queryString, type FuzzCase, type FuzzPool } from './fuzz-case.js';

/**
 * The admin API (under /_localpay): each route with a valid-ish JSON body, mutated, and hostile
 * path parameters and query filters. IPN endpoints only ever point at a closed loopback port.
 */
export function adminRequests(pool: FuzzPool): fc.Arbitrary<FuzzCase> {
  const merchant = idFrom([pool.merchantId], hostileString).map((id) => encodeComponent(id) || 'x');
  const object = idFrom(
    [...pool.chargeIds, ...pool.checkoutSessionIds, ...pool.orderReferenceIds],
    hostileString,
  ).map((id) => encodeComponent(id) || 'x');
  const answer = fc.oneof(
    fc.constantFrom('pass', 'fail', 'abandon'),
    hostileKey.map((k) => encodeComponent(k) || 'x'),
  );
  const environment = fc.oneof(
    fc.constantFrom('Sandbox', 'live'),
    hostileKey.map((k) => encodeComponent(k) || 'x'),
  );
  const duration = fc.oneof(
    fc.constantFrom(
      '25h',
      '30d',
      '90m',
      '1ms',
      3_600_000,
      '0',
      '-1d',
      '99999999999999d',
      1e300,
      '1e5d',
      '8640000000000000',
      9_007_199_254_740_991,
      '100000000000d',
    ),
    hostileString,
  );
  type Route = { method: string; path: string; body: unknown };
  const route = (
    method: string,
    path: fc.Arbitrary<string>,
    body: fc.Arbitrary<unknown> = fc.constant(undefined),
  ): fc.Arbitrary<Route> => fc.record({ method: fc.constant(method), path, body });
  const routes = fc.oneof(
    route('GET', fc.constantFrom('/health', '/merchants')),
    route(
      'POST',
      fc.constant('/merchants'),
      fc.record(
        {
          name: hostileString,
          region: fc.constantFrom('EU', 'NA', 'UK', 'JP', 'XX'),
          merchantId: fc.stringMatching(/^A[A-Z0-9]{12}$/),
        },
        { requiredKeys: ['name', 'region'] },
      ),
    ),
    route(
      'GET',
      merchant.map((m) => `/merchants/${m}`),
    ),
    route(
      'POST',
      merchant.map((m) => `/merchants/${m}/public-keys`),
      fc.record({
        publicKeyPem: fc.constantFrom(
          '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
          '',
        ),
        environment: fc.constantFrom('Sandbox', 'Live', null),
      }),
    ),
    route(
      'POST',
      merchant.map((m) => `/merchants/${m}/clock/advance`),
      fc.record({ by: duration }),
    ),
    route(
      'GET',
      merchant.map((m) => `/merchants/${m}/test-buyers`),
    ),
    route(
      'POST',
      merchant.map((m) => `/merchants/${m}/test-buyers`),
      fc.record(
        {
          name: hostileString,
          email: hostileString,
          cardEndings: fc.array(fc.oneof(fc.stringMatching(/^\d{4}$/), hostileString), {
            maxLength: 3,
          }),
          addresses: fc.array(
            fc.record(
              { name: hostileString, countryCode: fc.constantFrom('DE', 'US', 'x') },
              { requiredKeys: [] },
            ),
            { maxLength: 2 },
          ),
        },
        { requiredKeys: ['name', 'email'] },
      ),
    ),
    route(
      'PUT',
      merchant.map((m) => `/merchants/${m}/sca`),
      fc.record({
        scaTraClass: fc.oneof(fc.constantFrom('0.13', '0.06', '0.01', 'none'), hostileKey),
      }),
    ),
    route(
      'GET',
      object.map((id) => `/charges/${id}`),
    ),
    route(
      'GET',
      object.map((id) => `/checkout-sessions/${id}`),
    ),
    route(
      'POST',
      fc.tuple(object, answer).map(([id, a]) => `/challenges/${id}/${a}`),
    ),
    route(
      'POST',
      fc.tuple(object, answer).map(([id, a]) => `/v1-challenges/${id}/${a}`),
    ),
    route(
      'GET',
      merchant.map((m) => `/merchants/${m}/mws-credentials`),
    ),
    route(
      'GET',
      merchant.map((m) => `/merchants/${m}/ipn`),
    ),
    route(
      'PATCH',
      merchant.map((m) => `/merchants/${m}/ipn`),
      fc.record(
        {
          signingCertUrl: fc.constantFrom('https://127.0.0.1:9/cert.pem', null),
          chaos: fc.record(
            {
              duplicateRate: fc.double(),
              badSignatureRate: fc.double(),
              outOfOrderWindowMs: fc.integer(),
              delayMs: fc.integer(),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    route(
      'PUT',
      fc.tuple(merchant, environment).map(([m, e]) => `/merchants/${m}/ipn/endpoints/${e}`),
      fc.record({ url: fc.constantFrom('http://127.0.0.1:9/ipn', 'ftp://x', 'not a url') }),
    ),
    route(
      'DELETE',
      fc.tuple(merchant, environment).map(([m, e]) => `/merchants/${m}/ipn/endpoints/${e}`),
    ),
    route(
      'GET',
      queryString(
        ['merchantId', 'status', 'objectId', 'limit'],
        fc.oneof(
          fc.constantFrom(pool.merchantId, 'pending', 'failed', '5', '-1', '1e9'),
          hostileString,
        ),
      ).map((q) => `/ipn/notifications${q}`),
    ),
    route(
      'GET',
      hostileString.map((id) => `/ipn/notifications/${encodeComponent(id) || 'x'}`),
    ),
    route(
      'POST',
      hostileString.map((id) => `/ipn/notifications/${encodeComponent(id) || 'x'}/redeliver`),
    ),
    route(
      'POST',
      fc.constant('/ipn/redeliver-failed'),
      fc.record(
        { merchantId: fc.constant(pool.merchantId), includeSkipped: fc.boolean() },
        { requiredKeys: [] },
      ),
    ),
    route(
      'GET',
      queryString(
        ['merchantId', 'notificationId', 'limit'],
        fc.oneof(fc.constantFrom(pool.merchantId, '5', '0'), hostileString),
      ).map((q) => `/ipn/attempts${q}`),
    ),
  );
  return routes.chain((r) =>
    fc
      .record({
        body:
          r.body === undefined
            ? fc.constant(undefined)
            : fc.oneof(
                { arbitrary: fc.constant(JSON.stringify(r.body)), weight: 3 },
                {
                  arbitrary: fc
                    .array(mutation, { minLength: 1, maxLength: 3 })
                    .map((ms) => applyMutations(r.body, ms)),
                  weight: 5,
                },
                { arbitrary: wrongBody, weight: 1 },
              ),
        contentType: fc.oneof(
          { arbitrary: fc.constant('application/json'), weight: 9 },
          {
            arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded'),
            weight: 1,
          },
        ),
      })
      .map(({ body, contentType }): FuzzCase => ({
        surface: 'admin',
        method: r.method,
        url: `/_localpay${r.path}`,
        headers: body === undefined ? {} : { 'content-type': contentType },
        body,
        signing: { kind: 'none' },
      })),
  );
}
