/** Tables of the console's read model (migration 0011, inspection-migration.ts). */

/** One state change of an aggregate, written in the transaction that made it. */
export interface StateTransitionsTable {
  id: string;
  merchant_id: string;
  environment: string;
  /** The aggregate's table (charges, order_references, …). */
  object_type: string;
  object_id: string;
  state: string;
  reason_code: string | null;
  /** On the merchant's clock (the aggregate's lastUpdatedAt). */
  at: number;
  /** JSON ChangeCause (app/inspection/change-cause.ts), null when none was known. */
  cause: string | null;
  /** Orders changes with the same `at`: real-time microseconds, unique within a process. */
  seq: number;
}

/** One API call (v2 or v1), kept for a bounded number of rows (request-log-repository.ts). */
export interface RequestLogTable {
  id: string;
  at: number;
  merchant_id: string | null;
  environment: string | null;
  api: string;
  method: string;
  path: string;
  operation: string;
  status: number;
  latency_ms: number;
  idempotency_key: string | null;
  replay: number;
  request_body: string | null;
  response_body: string | null;
  /** JSON: canonical request, string to sign and signed headers of a signature failure. */
  signature: string | null;
}

export interface InspectionTables {
  state_transitions: StateTransitionsTable;
  request_log: RequestLogTable;
}
