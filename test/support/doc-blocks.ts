import { readFileSync } from 'node:fs';

/**
 * Fenced code blocks of a Markdown page, with the marker on the line before each fence:
 * `<!-- illustrative -->` (shown, not run) or `<!-- tested-by: <test file> -->` (that test runs
 * it). test/docs.test.ts requires one on every block of README.md and docs/.
 */
export interface DocBlock {
  readonly page: string;
  readonly line: number;
  readonly language: string;
  readonly code: string;
  /** 'illustrative', a test file's path, or null when the block has no marker. */
  readonly marker: string | null;
}

const MARKER = /^<!--\s*(illustrative|tested-by:\s*(\S+))\s*-->$/;

export function docBlocks(page: string): DocBlock[] {
  const lines = readFileSync(page, 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\S*)/.exec(lines[index] ?? '');
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    const match = MARKER.exec((lines[index - 1] ?? '').trim());
    blocks.push({
      page,
      line: index + 1,
      language: open[1] ?? '',
      code: lines.slice(index + 1, end).join('\n'),
      marker: match ? (match[2] ?? 'illustrative') : null,
    });
    index = end;
  }
  return blocks;
}
