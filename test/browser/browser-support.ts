import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Chromium for the browser suite: Debian's package (`apt-get install chromium`, installed by
 * .ci/run), driven by playwright-core, which downloads no browser of its own.
 */
export const CHROMIUM_PATH = process.env.LOCALPAY_CHROMIUM ?? '/usr/bin/chromium';

/** In CI (CI=true, or LOCALPAY_REQUIRE_BROWSER=1 as .ci/run sets) a missing browser fails. */
export const BROWSER_REQUIRED =
  process.env.CI === 'true' || process.env.LOCALPAY_REQUIRE_BROWSER === '1';

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);

export const SKIP_MESSAGE = `Browser tests skipped: no Chromium at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` (or set LOCALPAY_CHROMIUM); CI requires it.`;

/**
 * Whether this run skips the browser suites (`describe.skipIf(SKIP_BROWSER_SUITES)`): no Chromium,
 * and nothing requires one. Said once per test file, so a skipped suite is never silent.
 */
export const SKIP_BROWSER_SUITES = !chromiumInstalled() && !BROWSER_REQUIRED;
if (SKIP_BROWSER_SUITES) console.warn(SKIP_MESSAGE);

/** Launches Debian's Chromium; where CI requires it and it is missing, fails with how to install it. */
export const launchChromium = (): Promise<Browser> => {
  if (!chromiumInstalled()) throw new Error(SKIP_MESSAGE.replace('skipped', 'cannot run'));
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
};

export const SCREENSHOT_DIR = path.resolve('test-output', 'screenshots');

/** One screenshot per page visited, named by step and language: `03-challenge-pass-fr.png`. */
export async function screenshot(page: Page, step: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const lang = await page.getAttribute('html', 'lang');
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${step}-${lang ?? 'xx'}.png`),
    fullPage: true,
  });
}

/** The little of the DOM the in-page checks use (the project compiles without the DOM lib). */
interface DomElement {
  readonly tagName: string;
  readonly type?: string;
  readonly labels?: { readonly length: number } | null;
  readonly textContent: string | null;
  readonly parentElement: DomElement | null;
  readonly offsetParent: DomElement | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

interface PageGlobals {
  readonly document: {
    readonly activeElement: DomElement | null;
    querySelectorAll(selector: string): ArrayLike<DomElement>;
  };
  getComputedStyle(element: DomElement): {
    readonly color: string;
    readonly backgroundColor: string;
    readonly outlineStyle: string;
    readonly outlineWidth: string;
  };
}

/**
 * Issue point 8 on the rendered page: every visible control has an accessible name, every
 * fieldset a legend, text and buttons have a WCAG AA contrast of at least 4.5:1.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const found: string[] = [];
    const controls = Array.from(g.document.querySelectorAll('input, select, textarea, button'));
    for (const control of controls) {
      if (control.type === 'hidden') continue;
      const named =
        (control.labels?.length ?? 0) > 0 ||
        Boolean(control.getAttribute('aria-label')) ||
        (control.tagName === 'BUTTON' && Boolean(control.textContent?.trim()));
      if (!named) found.push(`unlabelled ${control.tagName} ${control.getAttribute('name')}`);
    }
    for (const fieldset of Array.from(g.document.querySelectorAll('fieldset')))
      if (fieldset.querySelectorAll(':scope > legend').length !== 1)
        found.push('fieldset without legend');

    const rgb = (css: string): [number, number, number, number] => {
      const [r = 0, gr = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return [r, gr, b, css.startsWith('rgba') ? a : 1];
    };
    const luminance = ([r, gr, b]: [number, number, number, number]) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(gr) + 0.0722 * channel(b);
    };
    const background = (element: DomElement | null): [number, number, number, number] => {
      for (let at = element; at; at = at.parentElement) {
        const color = rgb(g.getComputedStyle(at).backgroundColor);
        if (color[3] > 0) return color;
      }
      return [255, 255, 255, 1];
    };
    const texts = g.document.querySelectorAll('h1, p, label, legend, button, a, li, strong, span');
    for (const element of Array.from(texts)) {
      if (!element.textContent?.trim() || element.offsetParent === null) continue;
      const fg = luminance(rgb(g.getComputedStyle(element).color));
      const bg = luminance(background(element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5)
        found.push(`contrast ${ratio.toFixed(2)} on ${element.tagName} "${element.textContent}"`);
    }
    return found;
  });
  expect(problems).toEqual([]);
}

/** Tabs through the page and answers the data-testid (or tag) of each element focused. */
export async function focusOrder(page: Page, steps: number): Promise<string[]> {
  const order: string[] = [];
  for (let step = 0; step < steps; step += 1) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        const active = g.document.activeElement;
        const style = active ? g.getComputedStyle(active) : null;
        // Keyboard focus must be visible (the stylesheet's :focus-visible outline).
        const visible = style !== null && style.outlineStyle !== 'none';
        const name =
          active?.getAttribute('data-testid') ?? active?.tagName.toLowerCase() ?? 'nothing';
        return visible ? name : `${name} (no visible focus)`;
      }),
    );
  }
  return order;
}
