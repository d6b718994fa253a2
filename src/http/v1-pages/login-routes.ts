import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDependencies } from '../../app/ports.js';
import {
  ACCESS_TOKEN_LIFETIME,
  issueAccessToken,
  resolveAccessToken,
  viewLogin,
  type LoginDestination,
} from '../../app/v1/v1-access-tokens.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Csrf } from '../pages/csrf.js';
import { html } from '../pages/html.js';
import { renderPage } from '../pages/layout.js';
import { formField, pageTranslator, sendPage } from '../pages/page-context.js';
import { problemPage } from '../pages/page-helpers.js';
import { testBuyerFieldset } from '../pages/test-buyer-fieldset.js';

/**
 * Login with Amazon for v1 merchant pages (spec v1 §7.2, §7.3): the implicit-grant login page
 * (`/ap/oa`), where the buyer signs in as one of the merchant's test buyers, then goes back to the
 * merchant's redirect_uri with `access_token` (or, in Widgets.js's popup, the token is posted to
 * the opener's origin), only ever to a destination registered for the store (issue 10 point 4);
 * and the two LWA endpoints SDKs call with it,
 * `/auth/o2/tokeninfo` and `/user/profile`.
 */
const LOGIN_TEXT = {
  title: 'Sign in with Amazon (localpay test buyers)',
  intro:
    '{merchant} would like to use your name, email address and the addresses and payment methods of your Amazon account.',
  buyer: 'Sign in as',
  submit: 'Sign in',
} as const;

/**
 * Where the token goes (app/v1/v1-access-tokens.ts LoginDestination): `origin` is Widgets.js's
 * popup (the opener's origin), else `redirect_uri`. Both are checked against the store's
 * registered destinations before the page is shown and again before a token is issued.
 */
function destinationOf(fields: unknown): LoginDestination {
  const origin = formField(fields, 'origin');
  if (origin !== undefined) return { kind: 'popup', origin };
  return { kind: 'redirect', url: formField(fields, 'redirect_uri') ?? '' };
}

/** The CSRF token binds the form to its client id and destination, not only to the browser. */
const formObject = (clientId: string, destination: LoginDestination): string =>
  `${clientId}\n${destination.kind === 'popup' ? destination.origin : destination.url}`;

/**
 * The popup's last page hands the token to the page that opened it, and only to the registered
 * origin the popup was opened for (never '*'), then closes. The data sits in an inert JSON block
 * so the script, and so its CSP hash, never changes.
 */
const POPUP_SCRIPT =
  "var r=JSON.parse(document.getElementById('lwa-result').textContent);if(window.opener)window.opener.postMessage(r.data,r.origin);window.close();";
const POPUP_CSP = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(POPUP_SCRIPT).digest('base64')}'`;

const jsonInHtml = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

function popupResult(
  reply: FastifyReply,
  origin: string,
  data: Record<string, string>,
): FastifyReply {
  return reply
    .header('content-security-policy', POPUP_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><title>Signed in</title></head><body><script type="application/json" id="lwa-result">${jsonInHtml({ origin, data: { type: 'localpay-login', ...data } })}</script><script>${POPUP_SCRIPT}</script></body></html>`,
    );
}

function tokenOf(request: FastifyRequest): string {
  const header = request.headers['x-amz-access-token'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const bearer = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? formField(request.query, 'access_token') ?? '';
}

const lwaError = (reply: FastifyReply, error: unknown): FastifyReply => {
  if (!(error instanceof DomainError)) throw error;
  return reply
    .code(400)
    .type('application/json')
    .send({ error: 'invalid_token', error_description: error.message });
};

export function loginRoutes(app: FastifyInstance, deps: AppDependencies, csrf: Csrf): void {
  app.get('/ap/oa', async (request, reply) => {
    const t = pageTranslator(request, reply);
    try {
      const clientId = formField(request.query, 'client_id') ?? '';
      const destination = destinationOf(request.query);
      const view = await viewLogin(deps, clientId, destination);
      const token = csrf.issue(request, reply, formObject(clientId, destination));
      const body = html`<h1>${LOGIN_TEXT.title}</h1>
        <p>${LOGIN_TEXT.intro.replace('{merchant}', view.merchant.name)}</p>
        <form method="post" action="/ap/oa">
          <input type="hidden" name="client_id" value="${clientId}" />
          ${
            destination.kind === 'popup'
              ? html`<input type="hidden" name="origin" value="${destination.origin}" />`
              : html`<input type="hidden" name="redirect_uri" value="${destination.url}" />`
          }
          <input type="hidden" name="scope" value="${formField(request.query, 'scope') ?? ''}" />
          <input type="hidden" name="state" value="${formField(request.query, 'state') ?? ''}" />
          <input type="hidden" name="csrf" value="${token}" />
          ${testBuyerFieldset(LOGIN_TEXT.buyer, view.buyers, 'login-buyer-')}
          <div class="actions">
            <button type="submit" data-testid="login-submit">${LOGIN_TEXT.submit}</button>
          </div>
        </form>`;
      return sendPage(reply, 200, renderPage({ t, title: LOGIN_TEXT.title, body }));
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.post('/ap/oa', async (request, reply) => {
    const body = request.body;
    try {
      const clientId = formField(body, 'client_id') ?? '';
      const destination = destinationOf(body);
      csrf.verify(request, formObject(clientId, destination), formField(body, 'csrf'));
      const scope = formField(body, 'scope') ?? '';
      const issued = await issueAccessToken(
        deps,
        clientId,
        destination,
        formField(body, 'buyerId') ?? '',
        scope,
      );
      const result: Record<string, string> = {
        access_token: issued.token,
        token_type: 'bearer',
        expires_in: String(ACCESS_TOKEN_LIFETIME / 1000),
        scope: issued.scope,
      };
      const state = formField(body, 'state');
      if (state) result.state = state;
      if (destination.kind === 'popup') return popupResult(reply, destination.origin, result);
      const redirect = new URL(destination.url);
      for (const [name, value] of Object.entries(result)) redirect.searchParams.set(name, value);
      return await reply.redirect(redirect.toString(), 303);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.get('/auth/o2/tokeninfo', async (request, reply) => {
    try {
      const { token } = await resolveAccessToken(deps, tokenOf(request));
      return await reply.type('application/json').send({
        iss: 'https://www.amazon.com',
        user_id: token.buyerId,
        aud: token.clientId,
        app_id: token.clientId,
        exp: Math.max(0, Math.round((token.expiresAt - deps.clock.now()) / 1000)),
        iat: Math.round(token.createdAt / 1000),
      });
    } catch (error) {
      return lwaError(reply, error);
    }
  });

  app.get('/user/profile', async (request, reply) => {
    try {
      const { buyer } = await resolveAccessToken(deps, tokenOf(request));
      return await reply.type('application/json').send({
        user_id: buyer.details.buyerId,
        name: buyer.details.name,
        email: buyer.details.email,
        postal_code: buyer.addresses[0]?.postalCode ?? null,
      });
    } catch (error) {
      return lwaError(reply, error);
    }
  });
}
