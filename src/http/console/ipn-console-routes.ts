import type { FastifyInstance } from 'fastify';
import { withChangeCause } from '../../app/inspection/change-cause.js';
import {
  getNotification,
  listNotifications,
  redeliverNotification,
} from '../../app/ipn-administration.js';
import { getMerchantOverview } from '../../app/merchant-administration.js';
import type { AppDependencies } from '../../app/ports.js';
import { renderMessage } from '../../ipn/message-renderers.js';
import type { Csrf } from '../pages/csrf.js';
import { CONSOLE_PREFIX, consoleHref } from './console-layout.js';
import { ipnListView, ipnView } from './ipn-views.js';
import type { ConsolePage } from './console-page.js';

const STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
type Query = Record<string, string | undefined>;

/** /console/ipns: the delivery log and redelivery (a CSRF-protected form posting to itself). */
export function ipnConsoleRoutes(
  app: FastifyInstance,
  deps: AppDependencies,
  csrf: Csrf,
  page: ConsolePage,
): void {
  app.get(`${CONSOLE_PREFIX}/ipns`, async (request, reply) => {
    const query = request.query as Query;
    const merchant = (query.merchant ?? '').trim().slice(0, 40);
    const status = STATUSES.find((s) => s === query.status);
    const notifications = await listNotifications(deps, {
      merchantId: merchant || undefined,
      status,
      limit: 200,
    });
    return page(reply, 200, 'IPNs', ipnListView(notifications, { merchant, status: status ?? '' }));
  });

  app.get(`${CONSOLE_PREFIX}/ipns/:id`, async (request, reply) => {
    const { id } = request.params as { id: string };
    const notification = await getNotification(deps, id);
    const merchantRegion = (await getMerchantOverview(deps, notification.merchantId)).merchant
      .region;
    const message = renderMessage(notification, { merchantRegion });
    const pretty = JSON.stringify(JSON.parse(message), null, 2);
    return page(
      reply,
      200,
      `Notification ${id}`,
      ipnView(notification, pretty, csrf.issue(request, reply, id)),
    );
  });

  app.post(`${CONSOLE_PREFIX}/ipns/:id/redeliver`, async (request, reply) => {
    const { id } = request.params as { id: string };
    csrf.verify(request, id, (request.body as Query | undefined)?.csrf);
    await redeliverNotification(
      withChangeCause(deps, { kind: 'console', operation: 'redeliver notification' }),
      id,
    );
    return reply.code(303).header('location', consoleHref('ipns', id)).send();
  });
}
