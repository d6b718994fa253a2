import type { FastifyInstance } from 'fastify';
import { checkoutScript } from '../../widgets/widgets-asset.js';

/**
 * checkout.js at the path Amazon's static hosts serve it from (`/checkout.js` on
 * static-na/eu/fe.payments-amazon.com: point the host at localpay and keep the path), and under
 * each host's name, for pages that keep several regions apart.
 */
const PATHS = [
  '/checkout.js',
  '/static-na.payments-amazon.com/checkout.js',
  '/static-eu.payments-amazon.com/checkout.js',
  '/static-fe.payments-amazon.com/checkout.js',
];

export function checkoutJsRoutes(app: FastifyInstance): void {
  for (const path of PATHS)
    app.get(path, async (_request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'no-cache')
        .type('application/javascript; charset=utf-8')
        .send(checkoutScript()),
    );
}
