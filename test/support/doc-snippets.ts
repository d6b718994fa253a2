import { readFileSync } from 'node:fs';

/**
 * Fenced code blocks of a docs page. A block whose info string is `js run:<name>` is a program
 * part: every `run:<name>` block of the page, in order, makes one program that a test runs
 * (run-doc-snippets.ts). Any other block must say `illustrative` or `verified-by-hand` in its info
 * string, so no example in docs/ is left unchecked without saying so.
 */
export interface CodeBlock {
  readonly info: string;
  readonly code: string;
  /** 1-based line of the opening fence, for error messages. */
  readonly line: number;
}

export function codeBlocks(markdownPath: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = readFileSync(markdownPath, 'utf8').split('\n');
  let open: { info: string; line: number; body: string[]; fence: string } | null = null;
  lines.forEach((text, index) => {
    const fence = /^(\s*)(```+)(.*)$/.exec(text);
    if (open === null) {
      if (fence)
        open = {
          info: (fence[3] ?? '').trim(),
          line: index + 1,
          body: [],
          fence: fence[2] ?? '```',
        };
    } else if (
      fence &&
      (fence[3] ?? '').trim() === '' &&
      (fence[2] ?? '').length >= open.fence.length
    ) {
      blocks.push({ info: open.info, code: open.body.join('\n'), line: open.line });
      open = null;
    } else open.body.push(text);
  });
  return blocks;
}

/** The program made of a page's `run:<name>` blocks, in page order. */
export function program(markdownPath: string, name: string): string {
  const parts = codeBlocks(markdownPath).filter((block) =>
    block.info.split(/\s+/).includes(`run:${name}`),
  );
  if (parts.length === 0) throw new Error(`${markdownPath} has no \`run:${name}\` block.`);
  return parts.map((block) => block.code).join('\n');
}

/** Blocks that are neither run by a test nor marked as illustrative or verified by hand. */
export function unmarkedBlocks(markdownPath: string): CodeBlock[] {
  return codeBlocks(markdownPath).filter(
    (block) => !/(^|\s)(run:\S+|illustrative|verified-by-hand\S*)(\s|$)/.test(block.info),
  );
}
