const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Reads a clock move such as `25h`, `30d`, `90m`, `1.5h` or a bare number of milliseconds.
 * Returns null for anything else, so callers can answer in their own error format.
 */
export function parseDuration(text: string | number): number | null {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? text : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) return null;
  const value = Math.round(Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1));
  return Number.isSafeInteger(value) ? value : null;
}
