import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docBlocks } from './support/doc-blocks.js';

/**
 * Issue 15 point 4: the README is a short quick start and a map of docs/, and every example in the
 * docs is either run by a named test or marked as illustrative.
 */
const pages = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pages(full);
    return name.endsWith('.md') ? [full] : [];
  });
const DOCS = pages('docs');

describe('the documentation', () => {
  it('keeps the README under 10 KB', () => {
    expect(statSync('README.md').size).toBeLessThan(10 * 1024);
  });

  it('links every docs page from the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const unlinked = DOCS.filter((page) => !readme.includes(`](${page})`));
    expect(unlinked).toEqual([]);
  });

  // Issue 14's done-when: screenshots of each console view land in the README (the browser
  // suites write them to docs/screenshots/console-*.png), and each shown there exists.
  it('shows every console screenshot in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const shots = readdirSync('docs/screenshots').filter((name) => /^console-.*\.png$/.test(name));
    expect(shots.length).toBeGreaterThan(20);
    expect(shots.filter((name) => !readme.includes(`docs/screenshots/${name}`))).toEqual([]);
    const shown = [...readme.matchAll(/src="(docs\/screenshots\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(shown.filter((file) => !existsSync(file))).toEqual([]);
  });

  it.each(['README.md', ...DOCS])(
    'marks every code block of %s as tested or illustrative',
    (page) => {
      const problems = docBlocks(page).flatMap((block) => {
        const where = `${page}:${block.line}`;
        if (block.marker === null)
          return [`${where} has no <!-- illustrative --> or <!-- tested-by: … --> marker`];
        if (block.marker === 'illustrative') return [];
        if (!existsSync(block.marker))
          return [`${where} names ${block.marker}, which does not exist`];
        // The test must read the page itself, so what it runs is what the page shows.
        if (!readFileSync(block.marker, 'utf8').includes(page))
          return [`${where}: ${block.marker} does not read ${page}`];
        return [];
      });
      expect(problems).toEqual([]);
    },
  );
});
