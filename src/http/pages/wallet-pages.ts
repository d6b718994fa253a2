import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { removeWallet, updateWalletPaymentMethod, viewWallet } from '../../app/buyer-wallet.js';
import type { PageOptions } from './checkout-pages.js';
import { formField, problemPage } from './page-helpers.js';
import { pageHref, pageTranslator, sendPage } from './page-context.js';
import { renderWallet, walletPath, WALLET_NOTICES, type WalletNotice } from './wallet-page.js';

const permissionIdOf = (request: FastifyRequest): string =>
  (request.params as { chargePermissionId: string }).chargePermissionId;

const noticeOf = (request: FastifyRequest): WalletNotice | null =>
  WALLET_NOTICES.find((notice) => notice === formField(request.query, 'done')) ?? null;

/**
 * `/jr/your-account/ba/{ChargePermissionId}` (seed 004): where a buyer updates the payment method
 * of a Saved Wallet, or removes it. Each change is a form post answered with a redirect back to
 * this page (post/redirect/get), so reloading the page never repeats the change.
 */
export function walletPages(app: FastifyInstance, options: PageOptions): void {
  const { deps, csrf } = options;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: 'wallet.errorConfirm' | null,
  ) => {
    const id = permissionIdOf(request);
    const t = pageTranslator(request, reply);
    const view = await viewWallet(deps, id);
    const model = {
      view,
      csrfToken: csrf.issue(request, reply, id),
      notice: error ? null : noticeOf(request),
      error,
    };
    const languageHref = (lang: string) => pageHref(walletPath(id), { lang });
    return sendPage(reply, error ? 400 : 200, renderWallet(t, model, languageHref));
  };

  app.get('/jr/your-account/ba/:chargePermissionId', async (request, reply) => {
    try {
      return await show(request, reply, null);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.post('/jr/your-account/ba/:chargePermissionId/payment-method', async (request, reply) => {
    const id = permissionIdOf(request);
    try {
      csrf.verify(request, id, formField(request.body, 'csrf'));
      await updateWalletPaymentMethod(deps, id, formField(request.body, 'instrumentId') ?? '');
      return await reply.redirect(pageHref(walletPath(id), { done: 'updated' }), 303);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.post('/jr/your-account/ba/:chargePermissionId/remove', async (request, reply) => {
    const id = permissionIdOf(request);
    try {
      csrf.verify(request, id, formField(request.body, 'csrf'));
      if (formField(request.body, 'confirm') !== 'yes')
        return await show(request, reply, 'wallet.errorConfirm');
      await removeWallet(deps, id);
      return await reply.redirect(pageHref(walletPath(id), { done: 'removed' }), 303);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });
}
