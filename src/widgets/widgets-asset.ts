import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';

/**
 * Widgets.js is a static browser script kept beside this module in src/widgets/. Built code runs
 * from dist/src/widgets/, which tsc does not copy scripts to, so the source file is found from
 * either place; it is read once and filled with the environment and region of the path it was
 * asked for.
 */
const CANDIDATES = ['./Widgets.js', '../../../src/widgets/Widgets.js'];

let source: string | null = null;

function widgetsSource(): string {
  if (source !== null) return source;
  for (const candidate of CANDIDATES) {
    try {
      source = readFileSync(fileURLToPath(new URL(candidate, import.meta.url)), 'utf8');
      return source;
    } catch {
      // try the next place
    }
  }
  throw new Error('src/widgets/Widgets.js is missing.');
}

const MARKER = /\/\*LOCALPAY_CONFIG\*\/[^]*?\/\*LOCALPAY_CONFIG\*\//;

export function widgetsScript(environment: ReleaseEnvironment, region: string): string {
  return widgetsSource().replace(MARKER, JSON.stringify({ environment, region }));
}
