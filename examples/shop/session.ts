import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Language, MessageKey } from './i18n.js';

/**
 * The buyer's session: an opaque id in a signed, HttpOnly cookie (@fastify/cookie), the data on
 * the server. This example keeps it in memory; a real shop keeps it in its database or Redis.
 */
export interface Flash {
  readonly kind: 'error' | 'info';
  readonly key: MessageKey;
  readonly values?: Readonly<Record<string, string>>;
}

/** The v1 order being paid: a child order reference of the buyer's billing agreement. */
export interface PendingOrder {
  readonly number: string;
  readonly orderReferenceId: string;
  readonly amount: string;
  /** ConfirmOrderReference succeeded once: the OrderTotal can no longer be changed. */
  confirmed: boolean;
  /** Authorize calls made, for unique AuthorizationReferenceIds. */
  authorizations: number;
}

export interface PlacedOrder {
  readonly number: string;
  readonly amount: string;
  readonly orderReferenceId: string;
  readonly captureId: string;
  /** Set when the order ships: the delivery tracker given to Amazon Pay. */
  shipment?: { readonly carrierCode: string; readonly trackingNumber: string };
}

export interface ShopSession {
  readonly id: string;
  /** The language the buyer picked with the switcher; else the browser's. */
  language: Language | null;
  flash: Flash | null;
  cart: { readonly sku: string } | null;
  v1: {
    /** The buyer's Amazon Pay billing agreement (v1 "one-click" checkout). */
    billingAgreementId: string | null;
    order: PendingOrder | null;
    /** The next page calls amazon.Login.logout() (seed 000, AuthenticationStatus=Failure). */
    signOut: boolean;
  };
  readonly orders: PlacedOrder[];
  readonly subscriptionIds: string[];
  /** Who signed in with Amazon (Amazon Sign-in and Get Buyer), if anyone. */
  buyer: { readonly buyerId: string; readonly name: string; readonly email: string } | null;
}

const COOKIE = 'shop_sid';

declare module 'fastify' {
  interface FastifyRequest {
    session: ShopSession;
  }
}

function newSession(): ShopSession {
  return {
    id: randomBytes(18).toString('base64url'),
    language: null,
    flash: null,
    cart: null,
    v1: { billingAgreementId: null, order: null, signOut: false },
    orders: [],
    subscriptionIds: [],
    buyer: null,
  };
}

/** Loads (or starts) the session of every request. Needs @fastify/cookie with a secret. */
export function sessions(app: FastifyInstance): void {
  const store = new Map<string, ShopSession>();
  app.decorateRequest('session', null as unknown as ShopSession);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.cookies[COOKIE];
    const unsigned = raw === undefined ? null : request.unsignCookie(raw);
    const known = unsigned?.valid && unsigned.value ? store.get(unsigned.value) : undefined;
    if (known) {
      request.session = known;
      return;
    }
    const session = newSession();
    store.set(session.id, session);
    request.session = session;
    void reply.setCookie(COOKIE, session.id, {
      signed: true,
      httpOnly: true,
      // Lax: the cookie comes back on the top-level GET redirects from Amazon Pay, and not on
      // cross-site POSTs (a first line of CSRF defence for the shop's forms).
      sameSite: 'lax',
      path: '/',
      secure: request.protocol === 'https',
    });
  });
}

/** Shows a message once, on the next page rendered. */
export function takeFlash(session: ShopSession): Flash | null {
  const flash = session.flash;
  session.flash = null;
  return flash;
}
