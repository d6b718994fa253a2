/**
 * Orders ids, codes and names by their UTF-16 code units, as SQLite's default collation and a
 * JavaScript `sort()` do. Not `localeCompare`: a locale's collation is not what these values mean
 * (it ignores punctuation and case at first), it may differ between machines, and each collator
 * maps several MiB of ICU data into the process (issue 16, peak RSS).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
