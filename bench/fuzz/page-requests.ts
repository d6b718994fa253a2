import fc from 'fast-check';
import {
  headerSafe,
  hostileKey,
  hostileString,
  wrongBody,
  encodeComponent,
} from './hostile-values.js';
import { idFrom, queryString, type FuzzCase, type FuzzPool } from './fuzz-case.js';

/**
 * Buyer pages, Login with Amazon, the Confirmation Flow, the widgets' API and the public IPN
 * resources: GETs with query parameters, and POSTs of forged forms (wrong or missing CSRF tokens,
 * repeated and hostile fields), sometimes as JSON or garbage, with odd cookies and languages.
 */

const encodeForm = (pairs: readonly (readonly [string, string])[]): string =>
  pairs.map(([n, v]) => `${encodeComponent(n)}=${encodeComponent(v)}`).join('&');

export function pageRequests(pool: FuzzPool): fc.Arbitrary<FuzzCase> {
  const session = idFrom(pool.checkoutSessionIds, hostileString);
  const permission = idFrom(pool.chargePermissionIds, hostileString);
  const contract = idFrom([...pool.orderReferenceIds, ...pool.billingAgreementIds], hostileString);
  const token = idFrom(pool.accessTokens, hostileString);
  const value = fc.oneof(
    {
      arbitrary: fc.constantFrom(
        '0',
        '1',
        '-1',
        'yes',
        'true',
        'abandon',
        'card-1111',
        'fr',
        'de_DE',
        'pass',
      ),
      weight: 2,
    },
    { arbitrary: hostileString, weight: 2 },
  );
  const field = (names: readonly string[]) =>
    fc.tuple(
      names.length === 0
        ? hostileKey
        : fc.oneof(
            { arbitrary: fc.constantFrom(...names), weight: 5 },
            { arbitrary: hostileKey, weight: 1 },
          ),
      value,
    );
  const form = (names: readonly string[], fixed: fc.Arbitrary<[string, string][]>) =>
    fc.tuple(fixed, fc.array(field(names), { maxLength: 6 })).map(([a, b]) => [...a, ...b]);

  const route = fc.oneof(
    session.map((id) => ({
      method: 'GET',
      path: '/checkout/start',
      fixed: [['amazonCheckoutSessionId', id]] as [string, string][],
      names: ['buyerId', 'lang', 'checkoutLanguage'],
    })),
    session.map((id) => ({
      method: 'POST',
      path: '/checkout/start',
      fixed: [['amazonCheckoutSessionId', id]] as [string, string][],
      names: ['csrf', 'buyerId', 'instrumentId', 'addressIndex', 'consent'],
    })),
    session.map((id) => ({
      method: 'POST',
      path: '/checkout/cancel',
      fixed: [['amazonCheckoutSessionId', id]] as [string, string][],
      names: ['csrf'],
    })),
    session.map((id) => ({
      method: 'GET',
      path: '/checkout/processing',
      fixed: [['amazonCheckoutSessionId', id]] as [string, string][],
      names: ['lang'],
    })),
    session.map((id) => ({
      method: 'POST',
      path: '/checkout/challenge',
      fixed: [['amazonCheckoutSessionId', id]] as [string, string][],
      names: ['csrf', 'action', 'code'],
    })),
    permission.map((id) => ({
      method: 'GET',
      path: `/jr/your-account/ba/${encodeComponent(id)}`,
      fixed: [] as [string, string][],
      names: ['done', 'lang'],
    })),
    permission.map((id) => ({
      method: 'POST',
      path: `/jr/your-account/ba/${encodeComponent(id)}/payment-method`,
      fixed: [] as [string, string][],
      names: ['csrf', 'instrumentId'],
    })),
    permission.map((id) => ({
      method: 'POST',
      path: `/jr/your-account/ba/${encodeComponent(id)}/remove`,
      fixed: [] as [string, string][],
      names: ['csrf', 'confirm'],
    })),
    fc.constant({
      method: 'GET',
      path: '/ap/oa',
      fixed: [
        ['client_id', pool.storeId],
        ['redirect_uri', 'http://localhost:3000/login'],
      ] as [string, string][],
      names: ['scope', 'state', 'redirect_uri', 'client_id'],
    }),
    fc.constant({
      method: 'POST',
      path: '/ap/oa',
      fixed: [['client_id', pool.storeId]] as [string, string][],
      names: ['csrf', 'redirect_uri', 'buyerId', 'scope', 'state'],
    }),
    token.map((t) => ({
      method: 'GET',
      path: '/auth/o2/tokeninfo',
      fixed: [['access_token', t]] as [string, string][],
      names: ['access_token'],
    })),
    token.map((t) => ({
      method: 'GET',
      path: '/user/profile',
      fixed: [['access_token', t]] as [string, string][],
      names: [] as string[],
    })),
    contract.map((id) => ({
      method: 'GET',
      path: '/confirmation-flow',
      fixed: [
        ['sellerId', pool.merchantId],
        ['amazonPaymentContractId', id],
      ] as [string, string][],
      names: ['id', 'successUrl', 'failureUrl', 'lang'],
    })),
    contract.map((id) => ({
      method: 'POST',
      path: '/confirmation-flow/challenge',
      fixed: [['id', id]] as [string, string][],
      names: ['csrf', 'action', 'code', 'sellerId'],
    })),
    token.map((t) => ({
      method: 'POST',
      path: '/widgets/v1/contracts',
      fixed: [
        ['accessToken', t],
        ['sellerId', pool.merchantId],
      ] as [string, string][],
      names: ['environment', 'kind'],
    })),
    fc.tuple(contract, token).map(([id, t]) => ({
      method: 'POST',
      path: `/widgets/v1/contracts/${encodeComponent(id)}`,
      fixed: [
        ['accessToken', t],
        ['sellerId', pool.merchantId],
      ] as [string, string][],
      names: ['action', 'addressIndex', 'instrumentId', 'consent', 'environment'],
    })),
    fc
      .constantFrom(
        '/messages/mfa.json',
        '/OffAmazonPayments/de/sandbox/lpa/js/Widgets.js',
        '/ap/popup-return',
        '/_localpay/unsubscribe',
        '/favicon.ico',
      )
      .map((path) => ({
        method: 'GET',
        path,
        fixed: [] as [string, string][],
        names: ['SubscriptionArn', 'lang'],
      })),
    fc.string({ maxLength: 30 }).map((tail) => ({
      method: 'GET',
      path: `/${encodeComponent(tail)}`,
      fixed: [] as [string, string][],
      names: ['a'],
    })),
  );

  return route.chain((r) =>
    fc
      .record({
        pairs: form(r.names, fc.constant(r.fixed)),
        bodyKind: fc.oneof(
          { arbitrary: fc.constant('form' as const), weight: 8 },
          {
            arbitrary: fc.constantFrom('json' as const, 'garbage' as const, 'none' as const),
            weight: 2,
          },
        ),
        garbage: wrongBody,
        extraQuery: queryString(['lang', 'amazonCheckoutSessionId', 'done'], hostileString),
        cookie: fc.option(
          fc
            .tuple(fc.constantFrom('lp_csrf', 'lp_lang', '__proto__', 'constructor'), hostileString)
            .map(([n, v]) => `${n}=${headerSafe(v).replace(/[;,]/g, '')}`),
          { freq: 3 },
        ),
        language: fc.option(hostileString.map(headerSafe), { freq: 4 }),
      })
      .map(({ pairs, bodyKind, garbage, extraQuery, cookie, language }): FuzzCase => {
        const headers: Record<string, string> = {};
        if (cookie !== null) headers.cookie = cookie;
        if (language !== null) headers['accept-language'] = language;
        if (r.method === 'GET') {
          const query = encodeForm(pairs);
          const extra = extraQuery.replace(/^\?/, '');
          const search = [query, extra].filter((part) => part !== '').join('&');
          return {
            surface: 'pages',
            method: 'GET',
            url: search ? `${r.path}?${search}` : r.path,
            headers,
            body: undefined,
            signing: { kind: 'none' },
          };
        }
        let body: string | undefined;
        if (bodyKind === 'form') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = encodeForm(pairs);
        } else if (bodyKind === 'json') {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(Object.fromEntries(pairs));
        } else if (bodyKind === 'garbage') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = garbage;
        }
        return {
          surface: 'pages',
          method: 'POST',
          url: r.path + extraQuery,
          headers,
          body,
          signing: { kind: 'none' },
        };
      }),
  );
}
