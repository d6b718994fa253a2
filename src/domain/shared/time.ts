/**
 * Domain time is a plain number of milliseconds since the Unix epoch, read from an injected clock by
 * the app layer and passed in. Nothing in domain/ reads the system clock (DESIGN.md §3).
 */
export type Instant = number;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Adds calendar months in UTC, clamping to the end of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(at: Instant, months: number): Instant {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

/** The earliest of several optional instants, or null when none is set. */
export function earliest(...instants: readonly (Instant | null)[]): Instant | null {
  let best: Instant | null = null;
  for (const at of instants) if (at !== null && (best === null || at < best)) best = at;
  return best;
}
