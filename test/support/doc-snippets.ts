import { docBlocks } from './doc-blocks.js';

/**
 * A docs page's program: every block whose info string names `run:<name>` (`js run:override`,
 * `js run:host-mode run:override`), in page order, joined into one program that a test runs
 * (run-doc-snippets.ts). test/docs.test.ts checks each such block names that test.
 */
export function program(markdownPath: string, name: string): string {
  const parts = docBlocks(markdownPath).filter((block) =>
    block.info.split(/\s+/).includes(`run:${name}`),
  );
  if (parts.length === 0) throw new Error(`${markdownPath} has no \`run:${name}\` block.`);
  return parts.map((block) => block.code).join('\n');
}
