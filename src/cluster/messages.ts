/** What a worker and the primary tell each other over the cluster's IPC channel. */

/** Worker → primary: both listeners are bound; the banner is what a single process prints. */
export interface WorkerListening {
  readonly type: 'localpay:listening';
  readonly banner: string;
}

/** Primary → worker: close the listeners and the store, then exit. */
export interface StopWorker {
  readonly type: 'localpay:stop';
}

export const isWorkerListening = (message: unknown): message is WorkerListening =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'localpay:listening' &&
  typeof (message as { banner?: unknown }).banner === 'string';

export const isStopWorker = (message: unknown): message is StopWorker =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'localpay:stop';

/**
 * Response header naming the worker process that answered (its pid), set only when several
 * workers run: it tells an operator (and the two-worker tests) which process served a request.
 */
export const WORKER_HEADER = 'x-localpay-worker';
