import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { connectV1, connectV2 } from '../../examples/shop/amazon-pay-clients.js';
import { launchShop, type RunningShop } from '../../examples/shop/launch.js';

/**
 * The reference shop (examples/shop) and a live localpay started exactly as `npm run shop` starts
 * them (launchShop), on a fresh embedded store in a temporary folder and free ports; plus the
 * merchant's own clients, so tests can check what the shop did on Amazon Pay's side.
 */
export interface ShopUnderTest {
  readonly shop: RunningShop;
  readonly url: string;
  readonly localpayUrl: string;
  readonly v2: ReturnType<typeof connectV2>;
  readonly v1: ReturnType<typeof connectV1>;
  /** What the shop logged (IPNs received and rejected, declines, ErrorCodes). */
  readonly log: string[];
  /** localpay's admin API. */
  admin(method: string, route: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startShop(): Promise<ShopUnderTest> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-shop-'));
  const log: string[] = [];
  const shop = await launchShop({
    env: { LOCALPAY_LOG_LEVEL: 'silent' },
    localpay: { dataDir, httpPort: 0, httpsPort: 0, databaseUrl: null },
    shopPort: 0,
    log: (line) => log.push(line),
  });
  const localpayUrl = shop.localpay.httpUrl;
  return {
    shop,
    url: shop.shopUrl,
    localpayUrl,
    v2: connectV2(shop.config.amazonPay, true),
    v1: connectV1(shop.config.amazonPay),
    log,
    async admin(method, route, body) {
      const response = await fetch(`${localpayUrl}/_localpay${route}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return (await response.json()) as Record<string, unknown>;
    },
    async close() {
      await shop.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const SHOP_SCREENSHOT_DIR = path.resolve('test-output', 'screenshots', 'shop');
const DOCS_SCREENSHOT_DIR = path.resolve('docs', 'screenshots');

/**
 * Saves the page as test-output/screenshots/shop/<step>-<language>.png. Steps named in `docs`
 * are also copied to docs/screenshots/ (the README's pictures) when SHOP_UPDATE_SCREENSHOTS=1.
 */
export async function shot(page: Page, step: string, docs = false): Promise<void> {
  await mkdir(SHOP_SCREENSHOT_DIR, { recursive: true });
  const lang = (await page.getAttribute('html', 'lang')) ?? 'xx';
  const file = path.join(SHOP_SCREENSHOT_DIR, `${step}-${lang}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (docs && process.env.SHOP_UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOCS_SCREENSHOT_DIR, { recursive: true });
    await copyFile(file, path.join(DOCS_SCREENSHOT_DIR, `shop-${step}-${lang}.png`));
  }
}

/** A fresh browser profile (its own cookies and storage) speaking `locale`. */
export async function buyerPage(browser: Browser, locale: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    locale,
    viewport: { width: 820, height: 640 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** Visible text with every run of white space (Intl's no-break spaces too) as one space. */
export const textOf = async (page: Page, testId: string): Promise<string> =>
  (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, ' ').trim();

/** The text of the shop's one-time message (role alert or status). */
export const flash = (page: Page): Promise<string> => textOf(page, 'flash');

/** Types the issuer's one-time code shown on localpay's challenge page, or a wrong one. */
export async function answerChallenge(page: Page, answer: 'pass' | 'fail' | 'abandon') {
  if (answer === 'abandon') return page.getByTestId('abandon').click();
  const code = ((await page.getByTestId('otp').textContent()) ?? '').trim();
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByTestId('code-input').fill(answer === 'pass' ? code : wrong);
  return page.getByTestId('verify').click();
}

/** Polls `read` until it answers `expected`: for what the shop learns later, by IPN. */
export const eventually = <T>(read: () => Promise<T>, expected: T, timeout = 10_000) =>
  expect.poll(read, { timeout, interval: 200 }).toEqual(expected);
