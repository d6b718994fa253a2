import type { FastifyRequest } from 'fastify';
import { withRequestContext, type RequestContext } from '../app/inspection/change-cause.js';
import type { AppDependencies } from '../app/ports.js';

/**
 * Which request acts for what (app/inspection/change-cause.ts): the request log's hook names an
 * API request's context, the admin API's hook an operator's; handlers then take the dependencies
 * for their request, whose transactions record that cause on the timeline.
 */
const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** Called from an onRequest hook, before any handler runs. */
export function actFor(request: FastifyRequest, context: RequestContext): void {
  contexts.set(request, context);
}

/** `deps` acting for `request`'s context, or `deps` as they are when it has none. */
export function dependenciesFor<D extends AppDependencies>(deps: D, request: FastifyRequest): D {
  const context = contexts.get(request);
  return context === undefined ? deps : withRequestContext(deps, context);
}

/**
 * The dependencies as a route module of the admin API receives them: only through a request, so
 * no write route can reach the store without its request's cause (a module that took `deps`
 * itself could, and would record its changes with no cause at all).
 */
export type DependenciesOf = (request: FastifyRequest) => AppDependencies;

export const dependenciesOf =
  (deps: AppDependencies): DependenciesOf =>
  (request) =>
    dependenciesFor(deps, request);
