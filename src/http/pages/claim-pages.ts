import type { FastifyInstance, FastifyRequest } from 'fastify';
import { acceptClaim, viewClaim, type ClaimView } from '../../app/partners/merchant-accounts.js';
import type { Translator } from './i18n/catalogue.js';
import type { PageOptions } from './checkout-pages.js';
import { html } from './html.js';
import { renderPage } from './layout.js';
import { pageTranslator, sendPage } from './page-context.js';
import { formField, problemPage } from './page-helpers.js';

/** Where Merchant Account Claim's 303 sends the merchant (v2 partner-routes.ts CLAIM_PAGE_PATH). */
const PATH = '/merchant-accounts/claim/:token';

const tokenOf = (request: FastifyRequest): string => (request.params as { token: string }).token;

/**
 * The merchant's side of Merchant Account Claim (issue 13): Amazon's page asks the merchant to sign
 * in and take over the account a solution provider registered; localpay's shows the account and
 * one button. Operator-facing like the admin API, so it is in English only (decisions.md).
 */
function render(t: Translator, view: ClaimView, csrfToken: string | null): string {
  const claimed = view.state === 'Claimed';
  return renderPage({
    t,
    title: 'Claim your Amazon Pay account',
    body: html`<h1>Claim your Amazon Pay account</h1>
      <p data-testid="account">${view.name} (${view.merchantAccountId})</p>
      ${
        claimed
          ? html`<p data-testid="claimed" role="status">
              The account is yours now. Your solution provider can no longer change it.
            </p>`
          : html`<form method="post">
              <input type="hidden" name="csrf" value="${csrfToken ?? ''}" />
              <button type="submit" data-testid="claim">Claim this account</button>
            </form>`
      }`,
  });
}

export function claimPages(app: FastifyInstance, options: PageOptions): void {
  const { deps, csrf } = options;
  app.get(PATH, async (request, reply) => {
    try {
      const token = tokenOf(request);
      const view = await viewClaim(deps, token);
      const t = pageTranslator(request, reply);
      return sendPage(reply, 200, render(t, view, csrf.issue(request, reply, token)));
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });
  app.post(PATH, async (request, reply) => {
    try {
      const token = tokenOf(request);
      csrf.verify(request, token, formField(request.body, 'csrf'));
      const view = await acceptClaim(deps, token);
      return sendPage(reply, 200, render(pageTranslator(request, reply), view, null));
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });
}
