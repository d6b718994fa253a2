import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import type { Instant } from '../../domain/shared/time.js';
import type { ChangeCause } from './change-cause.js';

/** One state change of an aggregate, recorded in the transaction that made it (the timeline). */
export interface StateTransition {
  readonly objectType: string;
  readonly objectId: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly state: string;
  readonly reasonCode: string | null;
  /** On the merchant's clock. */
  readonly at: Instant;
  readonly cause: ChangeCause | null;
}

/** A console listing of one kind of aggregate: newest first. */
export interface ObjectListFilter {
  readonly merchantId: string;
  readonly environment?: ReleaseEnvironment | undefined;
  readonly state?: string | undefined;
  /** Matched against the id and the stored document (ids, reference ids, notes, emails). */
  readonly search?: string | undefined;
  readonly limit: number;
}

/** An API call as the request log keeps it (written off the hot path, bounded). */
export interface RequestLogEntry {
  readonly id: string;
  /** Real time. */
  readonly at: Instant;
  readonly merchantId: string | null;
  readonly environment: string | null;
  readonly api: 'v2' | 'v1';
  readonly method: string;
  readonly path: string;
  readonly operation: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly idempotencyKey: string | null;
  readonly replay: boolean;
  readonly requestBody: string | null;
  readonly responseBody: string | null;
  readonly signature: SignatureDiagnosis | null;
}

/** What localpay computed when a signature did not verify, to compare with the client's. */
export interface SignatureDiagnosis {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: readonly { readonly name: string; readonly value: string }[];
}

export interface RequestLogFilter {
  readonly merchantId?: string | undefined;
  readonly status?: 'error' | 'ok' | undefined;
  readonly search?: string | undefined;
  readonly limit: number;
}

export interface InspectionRepository {
  transitionsOf(objectId: string): Promise<StateTransition[]>;
  requestLog(filter: RequestLogFilter): Promise<RequestLogEntry[]>;
  findRequest(id: string): Promise<RequestLogEntry | undefined>;
  appendRequests(entries: readonly RequestLogEntry[]): Promise<void>;
  /** How many entries the table holds. */
  countRequests(): Promise<number>;
  /** Deletes the `count` oldest entries (bounded retention). */
  deleteOldestRequests(count: number): Promise<void>;
}
