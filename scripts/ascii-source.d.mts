/** Types of ascii-source.mjs (a build script in plain JavaScript) for the tests that import it. */
export function asciiSource(source: string): { source: string; left: number[] };
