import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { removeWallet, updateWalletPaymentMethod, viewWallet } from '../../app/buyer-wallet.js';
import type { PageOptions } from './checkout-pages.js';
import { formField, problemPage } from './page-helpers.js';
import { renderWallet } from './wallet-page.js';

const permissionIdOf = (request: FastifyRequest): string =>
  (request.params as { chargePermissionId: string }).chargePermissionId;

/**
 * `/jr/your-account/ba/{ChargePermissionId}` (seed 004): where a buyer updates the payment method
 * of a Saved Wallet, or removes it.
 */
export function walletPages(app: FastifyInstance, options: PageOptions): void {
  const { deps, csrf } = options;
  const show = async (request: FastifyRequest, reply: FastifyReply, notice: string | null) => {
    const id = permissionIdOf(request);
    const view = await viewWallet(deps, id);
    return reply
      .type('text/html; charset=utf-8')
      .send(renderWallet(view, csrf.issue(request, reply, id), notice));
  };

  app.get('/jr/your-account/ba/:chargePermissionId', async (request, reply) => {
    try {
      return await show(request, reply, null);
    } catch (error) {
      return problemPage(reply, error);
    }
  });

  app.post('/jr/your-account/ba/:chargePermissionId/payment-method', async (request, reply) => {
    try {
      const id = permissionIdOf(request);
      csrf.verify(request, id, formField(request.body, 'csrf'));
      await updateWalletPaymentMethod(deps, id, formField(request.body, 'instrumentId') ?? '');
      return await show(request, reply, 'Your payment method was updated.');
    } catch (error) {
      return problemPage(reply, error);
    }
  });

  app.post('/jr/your-account/ba/:chargePermissionId/remove', async (request, reply) => {
    try {
      const id = permissionIdOf(request);
      csrf.verify(request, id, formField(request.body, 'csrf'));
      await removeWallet(deps, id);
      return await show(request, reply, 'Your Saved Wallet was removed.');
    } catch (error) {
      return problemPage(reply, error);
    }
  });
}
