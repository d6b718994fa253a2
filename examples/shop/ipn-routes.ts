import type { FastifyInstance } from 'fastify';
import { InvalidIpn, verifyIpn } from './ipn-verification.js';
import type { ShopContext } from './shop-context.js';
import type { Charge, ChargePermission } from './subscriptions.js';

/**
 * POST /ipn, the shop's Instant Payment Notification endpoint (set in Seller Central; the shop's
 * launcher sets it on localpay). Each notification is verified, then the shop GETs the object it
 * names (a v2 message carries no state, only the id) and acts on what it reads. Amazon Pay
 * delivers at least once and in any order, so the handlers are idempotent.
 *
 * Answers: 200 handled; 400 not a genuine notification (Amazon Pay does not retry a 4xx); 500
 * (an exception) if the shop could not handle it now, so Amazon Pay tries again later.
 */
interface V2Message {
  readonly NotificationVersion: 'V2';
  readonly ObjectType: 'CHARGE_PERMISSION' | 'CHARGE' | 'REFUND' | 'CHECKOUT_SESSION';
  readonly ObjectId: string;
  readonly NotificationType: string;
}

export function ipnRoutes(app: FastifyInstance, shop: ShopContext): void {
  const { v2, billing, config, log } = shop;

  async function handleV2(message: V2Message): Promise<void> {
    switch (message.ObjectType) {
      case 'CHARGE_PERMISSION': {
        const permission = (await v2.getChargePermission(message.ObjectId)).data;
        await billing.onChargePermission(permission as unknown as ChargePermission);
        return;
      }
      case 'CHARGE': {
        const charge = (await v2.getCharge(message.ObjectId)).data;
        await billing.onCharge(charge as unknown as Charge);
        return;
      }
      case 'REFUND':
        await v2.getRefund(message.ObjectId); // the shop issues no refunds; read for the log
        return;
      case 'CHECKOUT_SESSION':
        await v2.getCheckoutSession(message.ObjectId);
        return;
    }
  }

  app.post('/ipn', async (request, reply) => {
    // SNS posts JSON as text/plain; Fastify hands text/plain bodies over as a string.
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    let message: Record<string, unknown>;
    try {
      const envelope = await verifyIpn(body, config.amazonPay.ipn);
      message = JSON.parse(envelope.Message) as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof InvalidIpn) && !(error instanceof SyntaxError)) throw error;
      log(`IPN rejected: ${error.message}`);
      return reply.code(400).send({ error: error.message });
    }
    if (message.NotificationVersion === 'V2') {
      const v2Message = message as unknown as V2Message;
      log(`IPN ${v2Message.ObjectType} ${v2Message.ObjectId} ${v2Message.NotificationType}`);
      await handleV2(v2Message);
    } else {
      // v1 IPNs carry the object's details as XML (NotificationData); this shop only logs them.
      log(`IPN v1 ${String(message.NotificationType)}`);
    }
    return reply.code(200).send({ ok: true });
  });
}
