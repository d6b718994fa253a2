/**
 * Runs one docs program (doc-snippets.ts) in this process, as its reader would run it: `require`
 * resolves from the repository (the official clients are its devDependencies), and `buyer` and
 * `v1Buyer` stand for the person at the browser (localpay's headless buyers, src/testing/), on
 * LOCALPAY_HTTP_URL. Usage: node --import tsx test/support/run-doc-snippets.ts <page.md> <name>
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createBuyer } from '../../src/testing/buyer.js';
import { createV1Buyer } from '../../src/testing/v1-buyer.js';
import { program } from './doc-snippets.js';

const [page, name] = process.argv.slice(2);
if (page === undefined || name === undefined)
  throw new Error('usage: run-doc-snippets <page.md> <name>');
const httpUrl = process.env.LOCALPAY_HTTP_URL ?? 'http://127.0.0.1:8080';
const require = createRequire(path.resolve('package.json'));
// The constructor of async functions: the program's top-level awaits run as its body.
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;
const run = new AsyncFunction('require', 'buyer', 'v1Buyer', program(page, name));
await run(require, createBuyer(httpUrl), createV1Buyer(httpUrl));
// The clients keep sockets alive; the program is done once its last await returns.
process.exit(0);
