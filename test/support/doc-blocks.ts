import { readFileSync } from 'node:fs';

/**
 * Fenced code blocks of a Markdown page, with the marker on the last non-blank line before each fence:
 * `<!-- illustrative -->` (shown, not run) or `<!-- tested-by: <test file> -->` (that test runs
 * it). test/docs.test.ts requires one on every block of README.md and docs/.
 */
export interface DocBlock {
  readonly page: string;
  readonly line: number;
  readonly language: string;
  /** The whole info string after the fence: the language, then any words (`js run:override`). */
  readonly info: string;
  readonly code: string;
  /** 'illustrative', a test file's path, or null when the block has no marker. */
  readonly marker: string | null;
}

const MARKER = /^<!--\s*(illustrative|tested-by:\s*(\S+))\s*-->$/;

export function docBlocks(page: string): DocBlock[] {
  const lines = readFileSync(page, 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\S*)(.*)$/.exec(lines[index] ?? '');
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    // The marker is the last non-blank line before the fence (Prettier puts a blank line between).
    let before = index - 1;
    while (before >= 0 && (lines[before] ?? '').trim() === '') before -= 1;
    const match = MARKER.exec((lines[before] ?? '').trim());
    blocks.push({
      page,
      line: index + 1,
      language: open[1] ?? '',
      info: `${open[1] ?? ''}${open[2] ?? ''}`.trim(),
      code: lines.slice(index + 1, end).join('\n'),
      marker: match ? (match[2] ?? 'illustrative') : null,
    });
    index = end;
  }
  return blocks;
}
