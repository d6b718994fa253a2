import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getIpnSettings, setIpnEndpoint, updateIpnSettings } from '../../app/ipn-administration.js';
import { getMerchantOverview, registerPublicKey } from '../../app/merchant-administration.js';
import type { AppDependencies } from '../../app/ports.js';
import { addTestBuyer, listTestBuyers } from '../../app/test-buyer-administration.js';
import { RELEASE_ENVIRONMENTS } from '../../domain/shared/environment.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import type { Csrf } from '../pages/csrf.js';
import { formField } from '../pages/page-context.js';
import { CONSOLE_PREFIX, consoleHref } from './console-layout.js';
import type { ConsolePage } from './console-page.js';
import { setupView, type SetupForm } from './merchant-setup-views.js';

/**
 * Setting a merchant up from the console (issue 14 points 5 and 6): test buyers, public keys, IPN
 * endpoints and chaos, through the admin API's own operations. A refused form comes back (400)
 * with the operation's message next to it and what was typed; a saved one redirects (303) to the
 * setup page, which says what happened (the new key's id, the new buyer's id).
 */
type Form = Record<string, unknown>;
const MAX_FIELD = 10_000;

/** A text field of the form (a repeated or missing one reads as empty), trimmed and bounded. */
const field = (form: Form, name: string): string =>
  (formField(form, name) ?? '').slice(0, MAX_FIELD).trim();

/** Checked boxes arrive as one string, several as an array. */
function checked(form: Form, name: string): string[] {
  const value = Object.hasOwn(form, name) ? form[name] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function cardEndings(form: Form): string[] {
  const others = field(form, 'otherCards')
    .split(/[\s,]+/)
    .filter((ending) => ending !== '');
  return [...new Set([...checked(form, 'card'), ...others])];
}

function number(form: Form, name: string): number {
  const text = field(form, name);
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw invalidParameter(`chaos.${name}`, 'give a number.');
  return value;
}

/** What the page shows for each POST once it is saved. */
const NOTICES: Readonly<Record<string, (id: string) => string>> = {
  buyer: (id) => `Added test buyer ${id}.`,
  key: (id) => `Registered public key ${id}: sign requests with this id.`,
  endpoint: (env) => `Saved the ${env} IPN endpoint.`,
  ipn: () => 'Saved the IPN settings.',
};

export function merchantSetupRoutes(
  app: FastifyInstance,
  deps: AppDependencies,
  csrf: Csrf,
  page: ConsolePage,
): void {
  const path = `${CONSOLE_PREFIX}/merchants/:merchantId/setup`;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    merchantId: string,
    status: number,
    extra: {
      notice: string | null;
      error: { form: SetupForm; message: string } | null;
      values: Record<string, string>;
    },
  ) {
    const overview = await getMerchantOverview(deps, merchantId);
    const state = {
      merchant: overview.merchant,
      buyers: await listTestBuyers(deps, merchantId),
      keys: overview.publicKeys,
      ipn: await getIpnSettings(deps, merchantId),
      csrf: csrf.issue(request, reply, `setup:${merchantId}`),
      ...extra,
    };
    return page(reply, status, `Setup of ${overview.merchant.name}`, setupView(state));
  }

  app.get(path, async (request, reply) => {
    const { merchantId } = request.params as { merchantId: string };
    const query = (request.query ?? {}) as Form;
    const done = field(query, 'done');
    const notice = Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
    return render(request, reply, merchantId, 200, {
      notice: notice === undefined ? null : notice(field(query, 'id').slice(0, 100)),
      error: null,
      values: {},
    });
  });

  /** Runs one form's operation: a DomainError re-renders the page with the form's message. */
  const post = (
    form: SetupForm,
    suffix: string,
    operation: (merchantId: string, body: Form) => Promise<string>,
  ) =>
    app.post(`${path}/${suffix}`, async (request, reply) => {
      const { merchantId } = request.params as { merchantId: string };
      const body = (request.body ?? {}) as Form;
      csrf.verify(request, `setup:${merchantId}`, body.csrf);
      try {
        const id = await operation(merchantId, body);
        const back = `${consoleHref('merchants', merchantId, 'setup')}?done=${form}&id=${encodeURIComponent(id)}`;
        return reply.code(303).header('location', back).send();
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'ResourceNotFound') throw error;
        const values: Record<string, string> = {};
        for (const name of Object.keys(body))
          if (name !== 'csrf' && name !== 'card') values[name] = field(body, name);
        values.cards = checked(body, 'card').join(',');
        return render(request, reply, merchantId, 400, {
          notice: null,
          error: { form, message: error.message },
          values,
        });
      }
    });

  post('buyer', 'test-buyers', async (merchantId, body) => {
    const phone = field(body, 'phoneNumber');
    const buyer = await addTestBuyer(deps, merchantId, {
      name: field(body, 'name'),
      email: field(body, 'email'),
      phoneNumber: phone === '' ? null : phone,
      cardEndings: cardEndings(body),
    });
    return buyer.details.buyerId;
  });

  post('key', 'keys', async (merchantId, body) => {
    const environment = field(body, 'environment');
    const publicKeyId = field(body, 'publicKeyId');
    const key = await registerPublicKey(deps, merchantId, {
      publicKeyPem: field(body, 'publicKeyPem'),
      environment: RELEASE_ENVIRONMENTS.find((env) => env === environment) ?? null,
      publicKeyId: publicKeyId === '' ? undefined : publicKeyId,
    });
    return key.publicKeyId;
  });

  post('endpoint', 'ipn-endpoint', async (merchantId, body) => {
    const environment = RELEASE_ENVIRONMENTS.find((env) => env === field(body, 'environment'));
    if (environment === undefined) throw invalidParameter('environment', 'give Sandbox or Live.');
    const url = field(body, 'url');
    await setIpnEndpoint(deps, merchantId, environment, url === '' ? null : url);
    return environment;
  });

  post('ipn', 'ipn-settings', async (merchantId, body) => {
    const signingCertUrl = field(body, 'signingCertUrl');
    await updateIpnSettings(deps, merchantId, {
      signingCertUrl: signingCertUrl === '' ? null : signingCertUrl,
      chaos: {
        duplicateRate: number(body, 'duplicateRate'),
        badSignatureRate: number(body, 'badSignatureRate'),
        outOfOrderWindowMs: number(body, 'outOfOrderWindowMs'),
        delayMs: number(body, 'delayMs'),
      },
    });
    return merchantId;
  });
}
