import { DomainError, type ErrorCode } from './errors.js';

/**
 * A lifecycle is data: a transition table per aggregate, made total by `satisfies Record<State, …>`
 * (DESIGN.md §3). This guard is the one place a state change is checked against its table.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export function assertTransition<S extends string>(
  table: TransitionTable<S>,
  objectName: string,
  id: string,
  from: S,
  to: S,
  errorCode: ErrorCode,
): void {
  if (!table[from].includes(to))
    throw new DomainError(
      errorCode,
      `The ${objectName} ${id} is in state ${from} and cannot move to ${to}.`,
    );
}

/** States with no exits, derived from the table so the two can never disagree. */
export const terminalStates = <S extends string>(table: TransitionTable<S>): S[] =>
  (Object.keys(table) as S[]).filter((state) => table[state].length === 0);
