/**
 * Writes the console's timeline rows (state_transitions) from the aggregate repositories, in the
 * transaction that changes the state (issue 14 point 2). The cause comes from the unit's runner
 * (the one its caller opened the transaction with, app/inspection/change-cause.ts); the reason code
 * and time from the aggregate itself.
 */
import { sql } from 'kysely';
import type { ChangeCause } from '../app/inspection/change-cause.js';
import { timeOrderedUuid } from '../runtime/time-ordered-uuid.js';
import type { SqlRunner } from './sql-runner.js';
import { statement, statementPerKey } from './statements.js';

export interface TransitionSubject {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: string;
  readonly state: string;
  readonly createdAt: number;
}

let lastSeq = 0;
/** Real-time microseconds, strictly increasing in this process: orders changes at the same instant. */
function nextSeq(): number {
  lastSeq = Math.max(
    lastSeq + 1,
    Math.floor(performance.timeOrigin * 1000 + performance.now() * 1000),
  );
  return lastSeq;
}

/** Each cause's JSON, made once: a Create Charge writes two transitions with the same cause. */
const causeTexts = new WeakMap<ChangeCause, string>();
function causeText(cause: ChangeCause): string {
  let text = causeTexts.get(cause);
  if (text === undefined) {
    text = JSON.stringify(cause);
    causeTexts.set(cause, text);
  }
  return text;
}

function row(table: string, aggregate: TransitionSubject, cause: ChangeCause | null) {
  // Every aggregate spells its latest reason one of these ways (charge permissions keep a list,
  // disputes keep it in statusDetails).
  const document = aggregate as unknown as {
    reasonCode?: string | null;
    reasons?: readonly { reasonCode: string }[] | null;
    statusDetails?: { reasonCode?: string | null };
    lastUpdatedAt?: number;
  };
  const seq = nextSeq();
  return {
    // Time first: each row's primary-key entry appends (runtime/time-ordered-uuid.ts).
    id: timeOrderedUuid(Math.floor(seq / 1000)),
    merchant_id: aggregate.merchantId,
    environment: aggregate.environment,
    object_type: table,
    object_id: aggregate.id,
    state: aggregate.state,
    reason_code:
      document.reasonCode ??
      document.reasons?.[0]?.reasonCode ??
      document.statusDetails?.reasonCode ??
      null,
    at: document.lastUpdatedAt ?? aggregate.createdAt,
    cause: cause === null ? null : causeText(cause),
    seq,
  };
}

type TransitionRow = ReturnType<typeof row>;

/** Compiled once (statements.ts): building the insert per call cost more than running it. */
const insertTransition = statement('state_transitions.insert', (db, args: TransitionRow) =>
  db.insertInto('state_transitions').values({
    id: args.id,
    merchant_id: args.merchant_id,
    environment: args.environment,
    object_type: args.object_type,
    object_id: args.object_id,
    state: args.state,
    reason_code: args.reason_code,
    at: args.at,
    cause: args.cause,
    seq: args.seq,
  }),
);

/**
 * Inserts a row only when the stored state differs from the new one, so no extra read is needed.
 * Casts keep PostgreSQL from typing the selected parameters as text. One statement per table.
 */
const changeStatement = statementPerKey((table: string) =>
  statement(`state_transitions.change.${table}`, (db, r: TransitionRow) => {
    const query = sql`insert into state_transitions
      (id, merchant_id, environment, object_type, object_id, state, reason_code, at, cause, seq)
    select cast(${r.id} as text), cast(${r.merchant_id} as text), cast(${r.environment} as text),
      cast(${r.object_type} as text), cast(${r.object_id} as text), cast(${r.state} as text),
      cast(${r.reason_code} as text), cast(${r.at} as bigint), cast(${r.cause} as text),
      cast(${r.seq} as bigint)
    from ${sql.table(table)}
    where id = ${r.object_id} and merchant_id = ${r.merchant_id}
      and environment = ${r.environment} and state <> ${r.state}`;
    return { compile: () => query.compile(db) };
  }),
);

/** The first state of a new aggregate. */
export async function recordCreation(
  runner: SqlRunner,
  table: string,
  aggregate: TransitionSubject,
): Promise<void> {
  await runner.run(insertTransition, row(table, aggregate, runner.cause.current));
}

/** Run before the update: records the change if the state moves. */
export async function recordChange(
  runner: SqlRunner,
  table: string,
  aggregate: TransitionSubject,
): Promise<void> {
  await runner.run(changeStatement(table), row(table, aggregate, runner.cause.current));
}
