import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AmazonPayV1, AmazonPayV2 } from './amazon-pay-clients.js';
import type { SavedWalletBilling } from './saved-wallet-billing.js';
import type { ShopConfig } from './shop-config.js';
import type { Flash } from './session.js';
import type { SubscriptionStore } from './subscriptions.js';

/** What every route module of the shop works with. */
export interface ShopContext {
  readonly config: ShopConfig;
  readonly v2: AmazonPayV2;
  readonly v1: AmazonPayV1;
  readonly subscriptions: SubscriptionStore;
  readonly billing: SavedWalletBilling;
  /** One line per notable event (declines, ErrorCodes, IPNs). */
  readonly log: (line: string) => void;
}

/** Post/Redirect/Get with a message for the next page. */
export function redirectWith(
  request: FastifyRequest,
  reply: FastifyReply,
  location: string,
  flash: Flash | null = null,
): FastifyReply {
  if (flash) request.session.flash = flash;
  return reply.redirect(location, 303);
}

/** A string field of a parsed form or query, '' when absent. */
export function field(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
