import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDependencies } from '../../app/ports.js';
import {
  ACCESS_TOKEN_LIFETIME,
  issueAccessToken,
  resolveAccessToken,
  viewLogin,
} from '../../app/v1/v1-access-tokens.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Csrf } from '../pages/csrf.js';
import { html } from '../pages/html.js';
import { renderPage } from '../pages/layout.js';
import { formField, pageTranslator, sendPage } from '../pages/page-context.js';
import { problemPage } from '../pages/page-helpers.js';

/**
 * Login with Amazon for v1 merchant pages (spec v1 §7.2, §7.3): the implicit-grant login page
 * (`/ap/oa`), where the buyer signs in as one of the merchant's test buyers, then goes back to the
 * merchant's redirect_uri with `access_token`; and the two LWA endpoints SDKs call with it,
 * `/auth/o2/tokeninfo` and `/user/profile`.
 */
const LOGIN_TEXT = {
  title: 'Sign in with Amazon (localpay test buyers)',
  intro:
    '{merchant} would like to use your name, email address and the addresses and payment methods of your Amazon account.',
  buyer: 'Sign in as',
  submit: 'Sign in',
} as const;

/** redirect_uri must be absolute http(s); the token goes only there (sandbox test buyers only). */
function redirectTarget(value: string | undefined): URL {
  try {
    const url = new URL(value ?? '');
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // fall through
  }
  throw new DomainError(
    'InvalidParameterValue',
    'redirect_uri must be an absolute http or https URL.',
  );
}

/** The popup's last page hands the token to the merchant's page that opened it, then closes. */
const POPUP_SCRIPT =
  "var p=new URLSearchParams(location.search);var d={type:'localpay-login'};p.forEach(function(v,k){d[k]=v;});if(window.opener)window.opener.postMessage(d,'*');window.close();";
const POPUP_CSP = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(POPUP_SCRIPT).digest('base64')}'`;

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
      const redirect = redirectTarget(formField(request.query, 'redirect_uri'));
      const view = await viewLogin(deps, clientId);
      const token = csrf.issue(request, reply, clientId);
      const body = html`<h1>${LOGIN_TEXT.title}</h1>
        <p>${LOGIN_TEXT.intro.replace('{merchant}', view.merchant.name)}</p>
        <form method="post" action="/ap/oa">
          <input type="hidden" name="client_id" value="${clientId}" />
          <input type="hidden" name="redirect_uri" value="${redirect.toString()}" />
          <input type="hidden" name="scope" value="${formField(request.query, 'scope') ?? ''}" />
          <input type="hidden" name="state" value="${formField(request.query, 'state') ?? ''}" />
          <input type="hidden" name="csrf" value="${token}" />
          <fieldset>
            <legend>${LOGIN_TEXT.buyer}</legend>
            ${view.buyers.map(
              (buyer, index) =>
                html`<label
                  ><input
                    type="radio"
                    name="buyerId"
                    value="${buyer.details.buyerId}"
                    data-testid="login-buyer-${index}"
                    ${index === 0 ? html`checked` : ''}
                  />
                  ${buyer.details.name} (${buyer.details.email})</label
                >`,
            )}
          </fieldset>
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
      csrf.verify(request, clientId, formField(body, 'csrf'));
      const redirect = redirectTarget(formField(body, 'redirect_uri'));
      const scope = formField(body, 'scope') ?? '';
      const issued = await issueAccessToken(
        deps,
        clientId,
        formField(body, 'buyerId') ?? '',
        scope,
      );
      redirect.searchParams.set('access_token', issued.token);
      redirect.searchParams.set('token_type', 'bearer');
      redirect.searchParams.set('expires_in', String(ACCESS_TOKEN_LIFETIME / 1000));
      redirect.searchParams.set('scope', issued.scope);
      const state = formField(body, 'state');
      if (state) redirect.searchParams.set('state', state);
      return await reply.redirect(redirect.toString(), 303);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.get('/ap/popup-return', async (_request, reply) =>
    reply
      .header('content-security-policy', POPUP_CSP)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><title>Signed in</title></head><body><script>${POPUP_SCRIPT}</script></body></html>`,
      ),
  );

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
