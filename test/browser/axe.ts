import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** axe-core's serious and critical violations on the page, one line each (the console suites). */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Injected through the DevTools protocol: the console's CSP allows no inline script.
  await page.evaluate(source);
  const results = await page.evaluate<{
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  }>('axe.run(document, { resultTypes: ["violations"] })');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
