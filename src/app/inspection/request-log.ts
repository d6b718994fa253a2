import type { AppDependencies } from '../ports.js';
import type { RequestLogEntry, RequestLogFilter } from './inspection-ports.js';

/**
 * The request log (issue 14 point 4): written in batches off the hot path (each batch one unit of
 * work, so on SQLite it rides the group commit with API writes), and kept to `keep` rows by
 * deleting, with each batch, as many of the oldest rows as the table holds beyond `keep`. Deleting
 * a batch's worth each time spreads the work evenly: trimming a tenth of the table at once held a
 * group commit for 13–15 ms every few hundred calls under load (issue 16, bench/README.md).
 */
export interface RequestLogRetention {
  readonly keep: number;
  /** How many rows the table held after the previous batch; null: count them now. */
  readonly knownRows: number | null;
}

/** Appends `entries` and trims the table; resolves to the rows it holds afterwards. */
export const appendRequestLog = (
  deps: AppDependencies,
  entries: readonly RequestLogEntry[],
  retention: RequestLogRetention,
): Promise<number> =>
  deps.store.transaction(async (tx) => {
    await tx.inspection.appendRequests(entries);
    const rows =
      retention.knownRows === null
        ? await tx.inspection.countRequests()
        : retention.knownRows + entries.length;
    if (rows <= retention.keep) return rows;
    await tx.inspection.deleteOldestRequests(rows - retention.keep);
    return retention.keep;
  });

export const listRequests = (
  deps: AppDependencies,
  filter: RequestLogFilter,
): Promise<RequestLogEntry[]> => deps.store.transaction((tx) => tx.inspection.requestLog(filter));

export const findRequest = (
  deps: AppDependencies,
  id: string,
): Promise<RequestLogEntry | undefined> =>
  deps.store.transaction((tx) => tx.inspection.findRequest(id));

/** Which merchant a v2 public key id belongs to (the log resolves callers after the fact). */
export const merchantOfKey = async (
  deps: AppDependencies,
  publicKeyId: string,
): Promise<string | null> =>
  (await deps.store.transaction((tx) => tx.publicKeys.find(publicKeyId)))?.merchantId ?? null;
