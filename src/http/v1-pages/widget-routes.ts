import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  actInWidget,
  createWidgetContract,
  type WidgetAction,
} from '../../app/v1/buyer-widgets.js';
import type { AppDependencies } from '../../app/ports.js';
import { RELEASE_ENVIRONMENTS, type ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import { widgetsScript } from '../../widgets/widgets-asset.js';
import { formField } from '../pages/page-context.js';
import { V1_ERRORS } from '../v1/mws-errors.js';

/**
 * Widgets.js at the paths merchants' pages load it from (spec v1 §7.1) and the small JSON API its
 * widgets call. The API is cross-origin (merchant page → localpay) and answers any origin: it acts
 * only for the buyer whose access token the page holds.
 */
const REGIONS = ['us', 'de', 'eur', 'uk', 'gbp', 'jp'] as const;

function widgetPaths(): { url: string; environment: ReleaseEnvironment; region: string }[] {
  const paths: { url: string; environment: ReleaseEnvironment; region: string }[] = [];
  for (const region of REGIONS) {
    // US uses /us/js and /us/sandbox/js; the rest /xx/lpa/js and /xx/sandbox/lpa/js.
    const lpa = region === 'us' ? '' : '/lpa';
    paths.push({
      url: `/OffAmazonPayments/${region}${lpa}/js/Widgets.js`,
      environment: 'Live',
      region,
    });
    paths.push({
      url: `/OffAmazonPayments/${region}/sandbox${lpa}/js/Widgets.js`,
      environment: 'Sandbox',
      region,
    });
  }
  return paths;
}

const environmentOf = (value: string | undefined): ReleaseEnvironment =>
  RELEASE_ENVIRONMENTS.find((e) => e === value) ?? 'Sandbox';

function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header('access-control-allow-origin', '*')
    .header('cache-control', 'no-store')
    .type('application/json')
    .send(body);
}

function widgetError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof DomainError) {
    const code =
      error.code === 'InvalidAddressConsentToken'
        ? 'BuyerSessionExpired'
        : V1_ERRORS[error.code].code;
    return sendJson(reply, V1_ERRORS[error.code].status, {
      errorCode: code,
      errorMessage: error.message,
    });
  }
  throw error;
}

function actionOf(body: unknown): WidgetAction {
  switch (formField(body, 'action')) {
    case 'address':
      return { kind: 'address', addressIndex: Number(formField(body, 'addressIndex') ?? '-1') };
    case 'paymentMethod':
      return { kind: 'paymentMethod', instrumentId: formField(body, 'instrumentId') ?? '' };
    case 'consent':
      return { kind: 'consent', consent: formField(body, 'consent') === 'true' };
    default:
      return { kind: 'view' };
  }
}

export function widgetRoutes(app: FastifyInstance, deps: AppDependencies): void {
  for (const path of widgetPaths())
    app.get(path.url, async (_request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'no-cache')
        .type('application/javascript; charset=utf-8')
        .send(widgetsScript(path.environment, path.region)),
    );

  app.post('/widgets/v1/contracts', async (request: FastifyRequest, reply) => {
    const body = request.body;
    try {
      const view = await createWidgetContract(
        deps,
        formField(body, 'accessToken') ?? '',
        formField(body, 'sellerId') ?? '',
        environmentOf(formField(body, 'environment')),
        formField(body, 'kind') === 'BillingAgreement' ? 'BillingAgreement' : 'OrderReference',
      );
      return sendJson(reply, 201, view);
    } catch (error) {
      return widgetError(reply, error);
    }
  });

  app.post('/widgets/v1/contracts/:id', async (request: FastifyRequest, reply) => {
    const body = request.body;
    try {
      const view = await actInWidget(
        deps,
        formField(body, 'accessToken') ?? '',
        formField(body, 'sellerId') ?? '',
        environmentOf(formField(body, 'environment')),
        (request.params as { id: string }).id,
        actionOf(body),
      );
      return sendJson(reply, 200, view);
    } catch (error) {
      return widgetError(reply, error);
    }
  });
}
