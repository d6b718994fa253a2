import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';

/**
 * The browser scripts kept beside this module in src/widgets/: Widgets.js (v1) and checkout.js
 * (v2). What both need (where localpay is, building DOM, navigating the buyer to a localpay page)
 * lives once in browser-shared.js, which is served inside each script's own closure. Built code
 * runs from dist/src/widgets/, which tsc does not copy scripts to, so each file is found from
 * either place; files are read once.
 */
type ScriptName = 'Widgets.js' | 'checkout.js' | 'browser-shared.js';

const sources = new Map<ScriptName, string>();

function sourceOf(name: ScriptName): string {
  const known = sources.get(name);
  if (known !== undefined) return known;
  for (const candidate of [`./${name}`, `../../../src/widgets/${name}`]) {
    try {
      const text = readFileSync(fileURLToPath(new URL(candidate, import.meta.url)), 'utf8');
      sources.set(name, text);
      return text;
    } catch {
      // try the next place
    }
  }
  throw new Error(`src/widgets/${name} is missing.`);
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
