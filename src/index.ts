/**
 * The public API of the `localpay` package (DESIGN.md §8): start a localpay from your own code.
 * Everything not exported here or from `localpay/testing` is internal and may change in any
 * release.
 */
import { loadConfig, type Config } from './config/config.js';
import { startLocalpay as startWithConfig, type RunningLocalpay } from './main.js';

export type { Config } from './config/config.js';
export type { RunningLocalpay } from './main.js';

/** What `startLocalpay` may be told; anything left out comes from the `LOCALPAY_*` environment. */
export type LocalpayOptions = Partial<Config>;

/**
 * Starts localpay (HTTPS API, HTTP pages and admin API, IPN delivery, timers) as `localpay start`
 * does, with `options` layered over the environment's settings. Close it with `close()`.
 */
export async function startLocalpay(
  options: LocalpayOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RunningLocalpay> {
  return startWithConfig(loadConfig(env, options));
}

export { loadConfig };
