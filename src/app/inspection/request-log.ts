import type { AppDependencies } from '../ports.js';
import type { RequestLogEntry, RequestLogFilter } from './inspection-ports.js';

/**
 * The request log (issue 14 point 4): written in batches off the hot path (each batch one unit of
 * work, so on SQLite it rides the group commit with API writes), and trimmed to `keep` rows when
 * asked (`null`: not this time). Trimming finds its cut-off by skipping `keep` rows of an index, so
 * the writer asks for it every so many rows rather than with every batch.
 */
export const appendRequestLog = (
  deps: AppDependencies,
  entries: readonly RequestLogEntry[],
  keep: number | null,
): Promise<void> =>
  deps.store.transaction(async (tx) => {
    await tx.inspection.appendRequests(entries);
    if (keep !== null) await tx.inspection.trimRequests(keep);
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
