import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';

/**
 * Widgets.js is a static browser script kept in src/widgets/. It is found through `../widgets/`
 * from wherever this code runs: src/widgets/ (tsx, tests), dist/src/widgets/ (the compiled
 * library, where the build copies the script), and dist/src/bin/ (the bundled command). It is read
 * once and filled with the environment and region of the path it was asked for.
 */
const WIDGETS_JS = new URL('../widgets/Widgets.js', import.meta.url);

let source: string | null = null;

function widgetsSource(): string {
  source ??= readFileSync(fileURLToPath(WIDGETS_JS), 'utf8');
  return source;
}

const MARKER = /\/\*LOCALPAY_CONFIG\*\/[^]*?\/\*LOCALPAY_CONFIG\*\//;

export function widgetsScript(environment: ReleaseEnvironment, region: string): string {
  return widgetsSource().replace(MARKER, JSON.stringify({ environment, region }));
}
