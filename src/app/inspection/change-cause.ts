import type { AppDependencies, Store } from '../ports.js';

/**
 * What made a state change happen, for the console's timeline (issue 14 point 2): the API request
 * (its request id, the same `x-amz-pay-request-id` the request log shows) or a timer on the
 * merchant's clock, or an operator in the console or admin API.
 *
 * Carried explicitly, in the dependencies an operation already takes: the HTTP layer (or a timer,
 * or a console route) makes dependencies for its request with `withRequestContext`, whose store
 * opens every transaction with the request's cause, and the store writes that cause with each
 * transition. Not AsyncLocalStorage: once entered, its promise hooks ran for every promise the
 * process made, about 9 % of a Create Charge's CPU (bench/README.md, issue 16).
 */
export type ChangeCause =
  | { readonly kind: 'request'; readonly requestId: string; readonly operation: string }
  | { readonly kind: 'timer' }
  | { readonly kind: 'console'; readonly operation: string };

/** One request's context: its cause, and what the request log learns while it runs. */
export interface RequestContext {
  readonly cause: ChangeCause;
  /** Set when an idempotency key answered a stored response (app/idempotent-write.ts). */
  replayed: boolean;
}

export const TIMER_CAUSE: ChangeCause = { kind: 'timer' };

/** A view of `store` whose transactions carry `cause` unless their caller names another. */
function causedStore(store: Store, cause: ChangeCause): Store {
  return {
    transaction: (work, given) => store.transaction(work, given ?? cause),
    snapshots: store.snapshots,
    close: () => store.close(),
  };
}

/** `deps` acting for `context`: every transaction opened through them records its cause. */
export function withRequestContext<D extends AppDependencies>(deps: D, context: RequestContext): D {
  // A view of a view: the innermost cause (the latest given) wins.
  return { ...deps, store: causedStore(deps.store, context.cause), requestContext: context };
}

/** `deps` acting for `cause` (a timer's effects, a console action), inside a request or not. */
export const withChangeCause = <D extends AppDependencies>(deps: D, cause: ChangeCause): D =>
  withRequestContext(deps, { cause, replayed: false });

/** For the request log: the request was answered from its idempotency record. */
export function noteIdempotentReplay(deps: AppDependencies): void {
  if (deps.requestContext !== undefined) deps.requestContext.replayed = true;
}
