import type { DefaultMerchant } from '../src/runtime/default-merchant.js';

/** Messages between the benchmark (parent) and localpay-server.ts (child) over Node's IPC channel. */

export interface ServerReady {
  readonly type: 'ready';
  /** Plain HTTP listener; the load is sent here. */
  readonly httpUrl: string;
  /** HTTPS host:port, the SDK's overrideServiceUrl (and so the signed x-amz-pay-host). */
  readonly httpsHost: string;
  readonly helloPath: string;
  /** The default sandbox merchant; its private key is a file in the server's data folder. */
  readonly merchant: DefaultMerchant;
  readonly store: string;
  /** Where the store is, for benchmarks that seed it directly (million-charges.ts). */
  readonly database: ServerDatabase;
}

export type ServerDatabase =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export type ServerMessage =
  | ServerReady
  /** The server's own peak RSS, VmHWM (localpay-server.ts says why not ru_maxrss). */
  | { readonly type: 'stopped'; readonly maxRssKb: number }
  /** process.cpuUsage() of the whole server process (all threads), user plus system. */
  | { readonly type: 'cpu'; readonly micros: number }
  /** process.memoryUsage.rss() now, in bytes (the fuzz run reports it before and after). */
  | { readonly type: 'rss'; readonly bytes: number }
  | { readonly type: 'failed'; readonly message: string };

export type ParentMessage =
  { readonly type: 'stop' } | { readonly type: 'cpu' } | { readonly type: 'rss' };
