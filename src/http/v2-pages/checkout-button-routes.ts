import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startButtonCheckout } from '../../app/checkout-button/button-checkout.js';
import type { PublicKeyDirectory } from '../../app/public-key-directory.js';
import {
  completeSignIn,
  viewSignIn,
  type SignInPayload,
} from '../../app/sign-in/amazon-sign-in.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import type { PageOptions } from '../pages/checkout-pages.js';
import { translator, type Translator } from '../pages/i18n/catalogue.js';
import { parseLanguageTag } from '../pages/i18n/languages.js';
import { formField, pageLanguage, sendPage } from '../pages/page-context.js';
import { PageError } from '../pages/page-helpers.js';
import { renderProblem } from '../pages/problem-page.js';
import { verifyButtonPayload, type VerifiedButton } from '../v2/button-signature.js';
import { V2_STATUS } from '../v2/error-status.js';
import { parseJsonBody, validateBody } from '../v2/request-body.js';
import {
  createCheckoutSessionSchema,
  toCreateCheckoutSessionInput,
} from '../v2/schemas/checkout-session-schemas.js';
import { signInPayloadSchema, toSignInPayload } from '../v2/schemas/sign-in-schemas.js';
import { renderSignIn } from './sign-in-page.js';

/**
 * Where checkout.js sends the buyer when the button is clicked (POST /checkout/button): the signed
 * payload is verified like a v2 request (button-signature.ts), parsed by Create Checkout Session's
 * own schema (same errors), and either becomes a Checkout Session whose hosted page opens in the
 * button's checkoutLanguage, or (productType SignIn) shows Amazon Sign-in. Destinations come only
 * from the signed payload, and sign-in's only from the store's Allowed Return URLs.
 */
export const BUTTON_PATH = '/checkout/button';
export const SIGN_IN_PATH = '/checkout/sign-in';

const BUTTON_PRODUCT_TYPES = ['PayAndShip', 'PayOnly', 'SignIn'] as const;

interface ButtonRequest {
  readonly fields: unknown;
  readonly productType: (typeof BUTTON_PRODUCT_TYPES)[number];
  readonly sandbox: boolean | null;
  readonly payloadJSON: string;
}

function sandboxOption(fields: unknown): boolean | null {
  const value = formField(fields, 'sandbox');
  return value === undefined || value === '' ? null : value === 'true';
}

function readButton(fields: unknown): ButtonRequest {
  const productType = formField(fields, 'productType') ?? 'PayAndShip';
  const known = BUTTON_PRODUCT_TYPES.find((type) => type === productType);
  if (known === undefined)
    throw invalidParameter('productType', `'${productType}' is not PayAndShip, PayOnly or SignIn.`);
  return {
    fields,
    productType: known,
    sandbox: sandboxOption(fields),
    payloadJSON: formField(fields, 'payloadJSON') ?? '',
  };
}

const verify = (keys: PublicKeyDirectory, button: ButtonRequest): Promise<VerifiedButton> =>
  verifyButtonPayload(
    {
      merchantId: formField(button.fields, 'merchantId') ?? '',
      publicKeyId: formField(button.fields, 'publicKeyId') ?? '',
      payloadJSON: button.payloadJSON,
      signature: formField(button.fields, 'signature') ?? '',
      algorithm: formField(button.fields, 'algorithm'),
      sandbox: button.sandbox,
    },
    keys,
  );

/** The payload as the API would parse a request body with it (same JSON and schema errors). */
const payloadOf = (button: ButtonRequest): unknown =>
  parseJsonBody(Buffer.from(button.payloadJSON, 'utf8'));

const signInPayloadOf = (button: ButtonRequest): SignInPayload =>
  toSignInPayload(validateBody(signInPayloadSchema, payloadOf(button)));

function buttonTranslator(
  request: FastifyRequest,
  reply: FastifyReply,
  fields: unknown,
): Translator {
  return translator(
    parseLanguageTag(formField(fields, 'checkoutLanguage')) ?? pageLanguage(request, reply),
  );
}

/**
 * Amazon's kind of error page; in Sandbox it names exactly what was wrong (the reason code and
 * message: the string localpay verified and the key, for a bad signature).
 */
function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  fields: unknown,
  error: unknown,
): FastifyReply {
  if (error instanceof PageError) {
    const t = buttonTranslator(request, reply, fields);
    return sendPage(
      reply,
      error.status,
      renderProblem(t, t.text('problem.title'), t.text(error.messageKey)),
    );
  }
  if (!(error instanceof DomainError)) throw error;
  const t = buttonTranslator(request, reply, fields);
  // Details unless the button acts in Live: a LIVE- key, or sandbox: false with a legacy key.
  const keyId = (formField(fields, 'publicKeyId') ?? '').toUpperCase();
  const sandbox =
    keyId.startsWith('SANDBOX') || (!keyId.startsWith('LIVE') && sandboxOption(fields) !== false);
  const status = Math.min(V2_STATUS[error.code], 499);
  return sendPage(
    reply,
    status,
    renderProblem(
      t,
      t.text('problem.title'),
      t.text('problem.generic'),
      sandbox ? `${error.code}: ${error.message}` : null,
    ),
  );
}

/** The sign-in form is bound to this browser and to the exact signed payload it carries. */
const signInFormObject = (button: ButtonRequest): string =>
  `sign-in\n${createHash('sha256')
    .update(`${button.payloadJSON}\n${formField(button.fields, 'signature') ?? ''}`)
    .digest('base64url')}`;

export function checkoutButtonRoutes(
  app: FastifyInstance,
  options: PageOptions & { readonly keys: PublicKeyDirectory },
): void {
  const { deps, links, csrf, keys } = options;

  app.post(BUTTON_PATH, async (request, reply) => {
    const fields = request.body;
    try {
      const button = readButton(fields);
      const caller = await verify(keys, button);
      const scope = { merchantId: caller.merchantId, environment: caller.environment };
      if (button.productType === 'SignIn') {
        const payload = signInPayloadOf(button);
        const view = await viewSignIn(deps, scope, payload);
        const t = buttonTranslator(request, reply, fields);
        return sendPage(
          reply,
          200,
          renderSignIn(t, {
            view,
            payload,
            action: SIGN_IN_PATH,
            carried: {
              merchantId: caller.merchantId,
              publicKeyId: caller.publicKeyId,
              payloadJSON: button.payloadJSON,
              signature: formField(fields, 'signature') ?? '',
              algorithm: formField(fields, 'algorithm') ?? '',
              sandbox: button.sandbox === null ? '' : String(button.sandbox),
              productType: 'SignIn',
              checkoutLanguage: formField(fields, 'checkoutLanguage') ?? '',
              csrf: csrf.issue(request, reply, signInFormObject(button)),
            },
          }),
        );
      }
      const input = toCreateCheckoutSessionInput(
        validateBody(createCheckoutSessionSchema, payloadOf(button)),
      );
      const session = await startButtonCheckout(deps, scope, input, {
        ledgerCurrency: formField(fields, 'ledgerCurrency'),
        productType: button.productType,
      });
      const language = formField(fields, 'checkoutLanguage');
      const target = new URL(links.checkoutStart(session.id));
      if (language) target.searchParams.set('checkoutLanguage', language);
      return await reply.redirect(target.toString(), 303);
    } catch (error) {
      return refuse(request, reply, fields, error);
    }
  });

  app.post(SIGN_IN_PATH, async (request, reply) => {
    const fields = request.body;
    try {
      const button = readButton(fields);
      if (button.productType !== 'SignIn')
        throw invalidParameter('productType', 'only the SignIn button signs a buyer in.');
      csrf.verify(request, signInFormObject(button), formField(fields, 'csrf'));
      const caller = await verify(keys, button);
      const target = await completeSignIn(
        deps,
        { merchantId: caller.merchantId, environment: caller.environment },
        signInPayloadOf(button),
        formField(fields, 'buyerId') ?? '',
      );
      return await reply.redirect(target, 303);
    } catch (error) {
      return refuse(request, reply, fields, error);
    }
  });
}
