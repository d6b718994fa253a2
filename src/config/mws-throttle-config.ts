/**
 * LOCALPAY_MWS_THROTTLE (spec v1 §1.6 throttling quotas): `off` (default), `amazon` (the documented
 * per-operation quotas, which differ between Sandbox and Live), or `BURST/PER_SECOND` for every
 * action, e.g. `10/1`.
 */
export type MwsThrottleConfig =
  | { readonly kind: 'off' }
  | { readonly kind: 'amazon' }
  | { readonly kind: 'custom'; readonly burst: number; readonly perSecond: number };

export function parseMwsThrottle(raw: string | undefined): MwsThrottleConfig {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'off') return { kind: 'off' };
  if (value === 'amazon') return { kind: 'amazon' };
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  const burst = Number(match?.[1]);
  const perSecond = Number(match?.[2]);
  if (!match || burst < 1 || !(perSecond > 0))
    throw new Error(
      `LOCALPAY_MWS_THROTTLE must be off, amazon or BURST/PER_SECOND (e.g. 10/1), got '${raw ?? ''}'.`,
    );
  return { kind: 'custom', burst, perSecond };
}
