// Rewrites a bundle so that its source is ASCII. V8 keeps a module's source for as long as the
// module lives (lazy compilation, Function.prototype.toString); one character outside ASCII makes
// it keep all of it at two bytes a character: 7.8 MB for the 3.9 MB command, 3.7 MiB of the
// server's resident memory (issue 16, bench/README.md). esbuild already writes strings and
// identifiers as ASCII; what it passes through as written are comments and the text of template
// literals. Both are rewritten here with \u escapes, which mean the same character in a template
// (its cooked text) and nothing at all in a comment. A tagged template whose tag could read the
// raw text (anything but an untagged template or localpay's `html`, which reads the cooked
// strings) is left as written and reported.
import { parse } from 'acorn';

const NON_ASCII = /[\u0080-\u{10ffff}]/gu;

/**
 * `\uXXXX` for every UTF-16 code unit of `character` (an astral one is a surrogate pair).
 * @param {string} character
 */
const escaped = (character) =>
  Array.from(
    { length: character.length },
    (_, index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`,
  ).join('');

/**
 * @param {unknown} value
 * @returns {value is import('acorn').AnyNode}
 */
const isNode = (value) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (/** @type {{ type?: unknown }} */ (value).type) === 'string';

/**
 * Calls `visit` on `node` and every node under it, parents first.
 * @param {import('acorn').AnyNode} node
 * @param {(node: import('acorn').AnyNode) => void} visit
 */
function walk(node, visit) {
  visit(node);
  for (const value of Object.values(/** @type {Record<string, unknown>} */ (node))) {
    if (Array.isArray(value)) {
      for (const item of /** @type {unknown[]} */ (value)) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) walk(value, visit);
  }
}

/** @param {import('acorn').Expression} tag */
const readsCookedText = (tag) => tag.type === 'Identifier' && /^html\d*$/.test(tag.name);

/**
 * The source with every non-ASCII character of a comment or a template's text escaped, and the
 * offsets of those it had to leave as written.
 * @param {string} source
 * @returns {{ source: string, left: number[] }}
 */
export function asciiSource(source) {
  /** @type {[number, number][]} */
  const rewritable = [];
  const program = parse(source, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    allowHashBang: true,
    onComment: (_block, _text, start, end) => rewritable.push([start, end]),
  });
  // A tagged template is visited before its template literal, which it marks if the tag might
  // read the raw text.
  const rawVisible = new Set();
  walk(program, (node) => {
    if (node.type === 'TaggedTemplateExpression' && !readsCookedText(node.tag))
      rawVisible.add(node.quasi);
    if (node.type === 'TemplateLiteral' && !rawVisible.has(node))
      for (const quasi of node.quasis) rewritable.push([quasi.start, quasi.end]);
  });
  rewritable.sort((a, b) => a[0] - b[0]);
  /** @type {number[]} */
  const left = [];
  let out = '';
  let from = 0;
  let range = 0;
  for (const match of source.matchAll(NON_ASCII)) {
    const at = match.index ?? 0;
    while (range < rewritable.length && rewritable[range][1] <= at) range += 1;
    const inside = range < rewritable.length && rewritable[range][0] <= at;
    // After a backslash the character is itself escaped (`\·`): an escape there would change it.
    if (!inside || source[at - 1] === '\\') {
      left.push(at);
      continue;
    }
    out += source.slice(from, at) + escaped(match[0]);
    from = at + match[0].length;
  }
  return { source: out + source.slice(from), left };
}
