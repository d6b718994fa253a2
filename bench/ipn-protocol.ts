/** Messages between bench/ipn-delivery.ts (parent) and bench/ipn-server.ts (child) over IPC. */
export type IpnParentMessage =
  | { readonly type: 'endpoint'; readonly url: string }
  | { readonly type: 'burst'; readonly count: number; readonly perCommit: number }
  | { readonly type: 'paced'; readonly count: number; readonly intervalMs: number }
  | { readonly type: 'stop' };

export type IpnServerMessage =
  | { readonly type: 'ready'; readonly store: string; readonly concurrency: number }
  | { readonly type: 'endpoint-set' }
  | { readonly type: 'burst-committed' }
  /** Each notification's id and the wall-clock ms its transaction committed. */
  | { readonly type: 'paced-committed'; readonly commits: readonly (readonly [string, number])[] }
  | { readonly type: 'failed'; readonly message: string };
