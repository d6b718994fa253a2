import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConversionTable } from '../../domain/charge/currency-conversion.js';
import { listMerchants } from '../../app/merchant-administration.js';
import { objectKind } from '../../app/inspection/object-kinds.js';
import { countObjects, inspectObject, listObjects } from '../../app/inspection/object-queries.js';
import { findRequest, listRequests } from '../../app/inspection/request-log.js';
import type { AppDependencies } from '../../app/ports.js';
import { RELEASE_ENVIRONMENTS, type ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { BuyerLinks } from '../buyer-links.js';
import { crossSiteRefusal } from '../cross-site-guard.js';
import type { Csrf } from '../pages/csrf.js';
import { html } from '../pages/html.js';
import { PageError } from '../pages/page-helpers.js';
import { getIpnSettings } from '../../app/ipn-administration.js';
import { CONSOLE_PREFIX } from './console-layout.js';
import { consolePageFor } from './console-page.js';
import { clockForm, driveRoutes, resetForm, resetRoutes } from './drive-routes.js';
import { forceRoutes, forceSection } from './force-routes.js';
import { ipnConsoleRoutes } from './ipn-console-routes.js';
import { snapshotConsoleRoutes } from './snapshot-console-routes.js';
import { ipnSettingsSection } from './ipn-views.js';
import { liveRoutes } from './live-updates.js';
import { merchantSetupRoutes } from './merchant-setup-routes.js';
import { setupLink } from './merchant-setup-views.js';
import { consoleLogin, loginRoutes, redirectToLogin } from './login-routes.js';
import { wireForm } from './object-wire.js';
import { merchantsView, merchantView, objectListView, objectView } from './object-views.js';
import { requestListView, requestView } from './request-views.js';

/**
 * The console (issue 14): server-rendered views over app/inspection, at `/` and `/console`, with
 * the admin API's protection (loopback or token, no cross-site requests, DESIGN.md §8).
 */
export interface ConsoleOptions {
  readonly deps: AppDependencies;
  readonly links: BuyerLinks;
  readonly adminToken: string | null;
  readonly conversionRates: ConversionTable;
  readonly csrf: Csrf;
}

const LIST_LIMIT = 200;
const COUNT_CAP = 1000;

type Query = Record<string, string | undefined>;
const text = (value: string | undefined, max = 200): string => (value ?? '').slice(0, max).trim();

/** A link followed from elsewhere may open a view; nothing else from another site is served. */
const topLevelNavigation = (request: FastifyRequest): boolean =>
  request.method === 'GET' &&
  request.headers['sec-fetch-mode'] === 'navigate' &&
  request.headers['sec-fetch-dest'] === 'document' &&
  request.headers.origin === undefined;

export function consolePlugin(
  app: FastifyInstance,
  options: ConsoleOptions,
  done: (error?: Error) => void,
): void {
  const { deps } = options;
  const page = consolePageFor({ logout: options.adminToken !== null });
  const login = consoleLogin(options.adminToken);
  app.addHook('onRequest', async (request, reply) => {
    const gate = login.gate(request);
    if (gate === 'login') return redirectToLogin(request, reply);
    if (gate === 'refused')
      return page(
        reply,
        401,
        'Not allowed',
        html`<h1>Not allowed</h1>
          <p>
            The console serves loopback callers, or, when an admin token is set,
            <a href="${CONSOLE_PREFIX}/login">those who log in</a> with it.
          </p>`,
      );
    const refusal = topLevelNavigation(request)
      ? null
      : crossSiteRefusal(request, {
          jsonBodiesOnly: false,
          loopbackHostOnly: options.adminToken === null,
        });
    if (refusal !== null)
      return page(
        reply,
        403,
        'Refused',
        html`<h1>Refused</h1>
          <p>${refusal}</p>`,
      );
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof PageError)
      return page(
        reply,
        error.status,
        'Refused',
        html`<h1>Refused</h1>
          <p>${error.message}</p>`,
      );
    if (error instanceof DomainError) {
      const status = error.code === 'ResourceNotFound' ? 404 : 400;
      return page(
        reply,
        status,
        status === 404 ? 'Not found' : 'Not possible',
        html`<h1>${status === 404 ? 'Not found' : 'Not possible'}</h1>
          <p>${error.message}</p>`,
      );
    }
    request.log.error({ err: error }, 'internal error in the console');
    return page(
      reply,
      500,
      'Error',
      html`<h1>Something went wrong</h1>
        <p>Request id ${request.id}.</p>`,
    );
  });

  const home = async (_request: FastifyRequest, reply: FastifyReply) =>
    page(reply, 200, 'Merchants', merchantsView(await listMerchants(deps), deps.clock.now()));
  app.get('/', home);
  app.get(CONSOLE_PREFIX, home);

  const findMerchant = async (merchantId: string) => {
    const merchant = (await listMerchants(deps)).find((m) => m.merchantId === merchantId);
    if (merchant === undefined)
      throw new DomainError('ResourceNotFound', `There is no merchant ${merchantId}.`);
    return merchant;
  };

  app.get(`${CONSOLE_PREFIX}/merchants/:merchantId`, async (request, reply) => {
    const { merchantId } = request.params as { merchantId: string };
    const merchant = await findMerchant(merchantId);
    const counts = await countObjects(deps, merchantId, COUNT_CAP);
    return page(
      reply,
      200,
      merchant.name,
      html`${merchantView(merchant, counts, deps.clock.now(), COUNT_CAP)}${clockForm(merchantId)}${resetForm(merchantId, options.csrf.issue(request, reply, `reset:${merchantId}`))}${ipnSettingsSection(
        await getIpnSettings(deps, merchantId),
      )}${setupLink(merchantId)}`,
    );
  });

  app.get(`${CONSOLE_PREFIX}/merchants/:merchantId/:kind`, async (request, reply) => {
    const params = request.params as { merchantId: string; kind: string };
    const kind = objectKind(params.kind);
    if (kind === undefined)
      throw new DomainError('ResourceNotFound', `There is no kind of object ${params.kind}.`);
    const merchant = await findMerchant(params.merchantId);
    const query = request.query as Query;
    const environment: ReleaseEnvironment | undefined = RELEASE_ENVIRONMENTS.find(
      (env) => env === query.environment,
    );
    const listQuery = {
      state: text(query.state),
      search: text(query.q),
      environment: environment ?? '',
    };
    const objects = await listObjects(deps, kind, {
      merchantId: merchant.merchantId,
      environment,
      state: listQuery.state || undefined,
      search: listQuery.search || undefined,
      limit: LIST_LIMIT,
    });
    return page(reply, 200, kind.label, objectListView(merchant, kind, objects, listQuery));
  });

  app.get(`${CONSOLE_PREFIX}/objects/:kind/:id`, async (request, reply) => {
    const params = request.params as { kind: string; id: string };
    const kind = objectKind(params.kind);
    if (kind === undefined)
      throw new DomainError('ResourceNotFound', `There is no kind of object ${params.kind}.`);
    const inspected = await inspectObject(deps, kind, params.id);
    const wire = wireForm(kind.slug, inspected.object, {
      links: options.links,
      storeName: inspected.merchant.name,
      rates: options.conversionRates,
    });
    const force = forceSection(kind.slug, inspected.object, (scope) =>
      options.csrf.issue(request, reply, scope),
    );
    return page(
      reply,
      200,
      `${kind.label} ${params.id}`,
      html`${objectView(inspected, wire)}${force}`,
    );
  });

  app.get(`${CONSOLE_PREFIX}/requests`, async (request, reply) => {
    const query = request.query as Query;
    const requestQuery = {
      merchant: text(query.merchant),
      status: text(query.status),
      search: text(query.q),
    };
    const entries = await listRequests(deps, {
      merchantId: requestQuery.merchant || undefined,
      status:
        requestQuery.status === 'ok' || requestQuery.status === 'error'
          ? requestQuery.status
          : undefined,
      search: requestQuery.search || undefined,
      limit: LIST_LIMIT,
    });
    return page(reply, 200, 'Request log', requestListView(entries, requestQuery));
  });

  app.get(`${CONSOLE_PREFIX}/requests/:id`, async (request, reply) => {
    const { id } = request.params as { id: string };
    const entry = await findRequest(deps, id);
    if (entry === undefined)
      throw new DomainError(
        'ResourceNotFound',
        `No request ${id} in the log (it may have been trimmed).`,
      );
    return page(reply, 200, entry.operation, requestView(entry));
  });

  ipnConsoleRoutes(app, deps, options.csrf, page);
  driveRoutes(app, deps, options.csrf, page);
  resetRoutes(app, deps, options.csrf);
  forceRoutes(app, deps, options.csrf);
  snapshotConsoleRoutes(app, deps, options.csrf, page);
  liveRoutes(app, deps);
  loginRoutes(app, options.adminToken, options.csrf, page);
  merchantSetupRoutes(app, deps, options.csrf, page);
  done();
}
