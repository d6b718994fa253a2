import { DomainError, notFound } from '../../domain/shared/errors.js';
import { objectKind } from '../inspection/object-kinds.js';
import { loadWith } from '../load-aggregates.js';
import type { AppDependencies } from '../ports.js';
import { inMerchantUnit } from '../unit-of-work.js';
import { FORCEABLE_KINDS, forceTargets } from './forced-transitions.js';

/**
 * Force an object into a state it can reach (issue 14 point 6), from the admin API, the CLI or the
 * console: one transaction that loads the object (its due timers fire first, as on any read),
 * checks the target is one the object can take from its current state, and runs that transition's
 * natural code (forced-transitions.ts). A refused target writes nothing.
 */
export interface ForceRequest {
  /** The merchant the caller names; the object must be one of its own. Null: whoever owns it. */
  readonly merchantId: string | null;
  /** The console's slug of the kind: charges, charge-permissions, authorizations, … */
  readonly kind: string;
  readonly id: string;
  readonly target: string;
  /** Who forced it, for the timeline ("admin API", "console", "CLI"). */
  readonly via: string;
}

/** The object after the force, and what it can be forced to next. */
export interface ForceResult extends ForceOptions {
  readonly forced: string;
}

interface Stateful {
  readonly state: string;
  readonly reasonCode?: string | null;
  readonly reasons?: readonly { readonly reasonCode: string }[] | null;
}

const reasonOf = (object: Stateful): string | null =>
  object.reasonCode ?? object.reasons?.[0]?.reasonCode ?? null;

const KINDS = [...FORCEABLE_KINDS.keys()].join(', ');

export interface ForceOptions {
  readonly kind: string;
  readonly id: string;
  readonly state: string;
  readonly reasonCode: string | null;
  readonly targets: readonly string[];
}

type ObjectRef = Pick<ForceRequest, 'merchantId' | 'kind' | 'id'>;

/** The kind's table and the object's scope; an unknown kind, id or merchant is a 404. */
async function locate(deps: AppDependencies, ref: ObjectRef) {
  const forceable = FORCEABLE_KINDS.get(ref.kind);
  const listed = objectKind(ref.kind);
  if (forceable === undefined || listed === undefined)
    throw new DomainError(
      'ResourceNotFound',
      `No object of kind '${ref.kind}' can be forced; the kinds are ${KINDS}.`,
    );
  const scope = await deps.store.transaction((tx) => listed.repository(tx).scopeOf(ref.id));
  if (scope === undefined || (ref.merchantId !== null && scope.merchantId !== ref.merchantId))
    throw notFound(forceable.loader.name, ref.id);
  return { forceable, scope };
}

const optionsOf = (kind: string, id: string, object: unknown): ForceOptions => ({
  kind,
  id,
  state: (object as Stateful).state,
  reasonCode: reasonOf(object as Stateful),
  targets: forceTargets(kind, object),
});

/** What the object can be forced to now (its due timers fire first, as on any read). */
export async function forceOptions(deps: AppDependencies, ref: ObjectRef): Promise<ForceOptions> {
  const { forceable, scope } = await locate(deps, ref);
  return inMerchantUnit(deps, scope, async (unit) =>
    optionsOf(ref.kind, ref.id, await loadWith(forceable.loader, unit, ref.id)),
  );
}

export async function forceState(
  deps: AppDependencies,
  request: ForceRequest,
): Promise<ForceResult> {
  const { forceable, scope } = await locate(deps, request);
  const cause = {
    kind: 'console',
    operation: `forced ${request.target} (${request.via})`,
  } as const;
  return inMerchantUnit(deps, scope, (unit) =>
    unit.tx.causedBy(cause, async () => {
      const object = await loadWith(forceable.loader, unit, request.id);
      const allowed = forceable.transitions.filter((transition) => transition.from(object));
      const chosen = allowed.find((transition) => transition.target === request.target);
      if (chosen === undefined)
        throw new DomainError(
          forceable.refusal,
          allowed.length === 0
            ? `The ${forceable.loader.name} ${request.id} is ${(object as Stateful).state}: no state can be forced from it.`
            : `The ${forceable.loader.name} ${request.id} is ${(object as Stateful).state}: it can be forced to ${allowed.map((t) => t.target).join(', ')}, not '${request.target}'.`,
        );
      await chosen.run(unit, object);
      const after = await forceable.loader.repository(unit).find(scope, request.id);
      if (after === undefined) throw notFound(forceable.loader.name, request.id);
      return { ...optionsOf(request.kind, request.id, after), forced: chosen.target };
    }),
  );
}
