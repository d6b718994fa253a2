/**
 * Wakes the dispatcher right after a transaction that made a notification deliverable commits, so
 * the delay from commit to first attempt is a claim round trip, not a poll interval. The Store is
 * wrapped, not changed: the wrapper watches the calls a unit of work makes and, once the
 * transaction has resolved (committed), reports them. Rolled-back work reports nothing.
 */
import type { ChangeCause } from '../app/inspection/change-cause.js';
import type { OutboxRepository, Store, Transaction } from '../app/ports.js';

export interface OutboxSignal {
  /** A notification of this merchant and environment was committed. */
  committed(merchantId: string, environment: string): void;
  /** Endpoints or settings changed, notifications were requeued, or a merchant's clock moved. */
  changed(): void;
}

/** Calls that make something deliverable without adding a notification. */
const CHANGING: Readonly<Partial<Record<keyof Transaction, ReadonlySet<PropertyKey>>>> = {
  outbox: new Set(['requeue', 'putEndpoint', 'putSettings']),
  // A clock moved forward makes scheduled retries due (they run on the merchant's clock).
  merchants: new Set(['update']),
};

type Method = (...args: unknown[]) => unknown;

/**
 * Methods bound to their repository, made once per repository rather than at every call: the
 * repositories live as long as a batch and serve every unit of it (issue 16).
 */
const boundMethods = new WeakMap<object, Map<PropertyKey, Method>>();
function boundMethod(object: object, property: PropertyKey, method: Method): Method {
  let methods = boundMethods.get(object);
  if (methods === undefined) {
    methods = new Map();
    boundMethods.set(object, methods);
  }
  let bound = methods.get(property);
  if (bound === undefined) {
    bound = method.bind(object);
    methods.set(property, bound);
  }
  return bound;
}

/** A view of `target` that reports the given calls, and answers `overrides` instead where set. */
function watch<T extends object>(
  target: T,
  calls: ReadonlySet<PropertyKey>,
  seen: () => void,
  overrides: Partial<T> = {},
): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      if (calls.has(property)) seen();
      return boundMethod(object, property, value as Method);
    },
  });
}

export function signallingStore(store: Store, signal: OutboxSignal): Store {
  return {
    async transaction<T>(
      work: (tx: Transaction) => Promise<T>,
      cause?: ChangeCause | null,
    ): Promise<T> {
      const added = new Map<string, [string, string]>();
      let changed = false;
      const change = (): void => {
        changed = true;
      };
      const result = await store.transaction((tx) => {
        const add: OutboxRepository['add'] = (message) => {
          added.set(`${message.merchantId}/${message.environment}`, [
            message.merchantId,
            message.environment,
          ]);
          return tx.outbox.add(message);
        };
        const outbox = watch(tx.outbox, CHANGING.outbox ?? new Set(), change, { add });
        const merchants = watch(tx.merchants, CHANGING.merchants ?? new Set(), change);
        // Everything else of the transaction is reached through the prototype, unchanged.
        return work(
          Object.create(tx, {
            outbox: { value: outbox },
            merchants: { value: merchants },
          }) as Transaction,
        );
      }, cause);
      for (const [merchantId, environment] of added.values())
        signal.committed(merchantId, environment);
      if (changed) signal.changed();
      return result;
    },
    snapshots: store.snapshots,
    close: () => store.close(),
  };
}
