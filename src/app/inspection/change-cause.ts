import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What made a state change happen, for the console's timeline (issue 14 point 2): the API request
 * (its request id, the same `x-amz-pay-request-id` the request log shows) or a timer on the
 * merchant's clock. Carried implicitly so no operation's signature changes: the HTTP layer enters a
 * request's context, the loaders wrap timer effects, and the store reads the cause when it writes a
 * transition in the transaction that changes the state.
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

const contexts = new AsyncLocalStorage<RequestContext>();

export const TIMER_CAUSE: ChangeCause = { kind: 'timer' };

export const withChangeCause = <T>(cause: ChangeCause, work: () => T): T =>
  contexts.run({ cause, replayed: contexts.getStore()?.replayed ?? false }, work);

/** For a request hook: the rest of this request's async work runs in `context`. */
export const enterRequestContext = (context: RequestContext): void => contexts.enterWith(context);

export const currentChangeCause = (): ChangeCause | null => contexts.getStore()?.cause ?? null;

export function noteIdempotentReplay(): void {
  const context = contexts.getStore();
  if (context !== undefined) context.replayed = true;
}
