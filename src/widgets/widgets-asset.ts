import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';

/**
 * The browser scripts kept in src/widgets/: Widgets.js (v1) and checkout.js (v2). What both need
 * (where localpay is, building DOM, navigating the buyer to a localpay page) lives once in
 * browser-shared.js, served inside each script's own closure. The files are found through
 * `../widgets/` from wherever this code runs: src/widgets/ (tsx, tests), dist/src/widgets/ (the
 * compiled library, where the build copies the scripts), and dist/src/bin/ (the bundled command).
 * Each is read once.
 */
type ScriptName = 'Widgets.js' | 'checkout.js' | 'browser-shared.js';

const sources = new Map<ScriptName, string>();

function sourceOf(name: ScriptName): string {
  let text = sources.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`../widgets/${name}`, import.meta.url)), 'utf8');
    sources.set(name, text);
  }
  return text;
}

const MARKER = /\/\*LOCALPAY_CONFIG\*\/[^]*?\/\*LOCALPAY_CONFIG\*\//;

/** One script, its config filled in, with the shared helpers in the same closure. */
function assemble(name: ScriptName, config: unknown): string {
  const body = sourceOf(name).replace(MARKER, JSON.stringify(config));
  return `(function () {\n'use strict';\n${sourceOf('browser-shared.js')}\n${body}\n})();\n`;
}

export function widgetsScript(environment: ReleaseEnvironment, region: string): string {
  return assemble('Widgets.js', { environment, region });
}

export function checkoutScript(): string {
  return assemble('checkout.js', {});
}
