/**
 * Splits CSS into statements (`prop: value`, `@import …;`) and blocks (`prelude { … }`), just deep
 * enough to judge each piece on its own. Not a full CSS parser, and it need not be: the sanitizer
 * re-emits only pieces it has checked, joined by its own `;` `{` `}`, so the browser parses our
 * output, never the original text.
 *
 * What must stay true: strings, escapes, parentheses and brackets are honoured (a `;` or `}` inside them is
 * not structure), comments are gone from the output, and a piece with an unterminated string is
 * flagged `broken` (the browser would swallow what follows into the string).
 */

export type CssNode =
  | { kind: 'statement'; text: string; broken: boolean }
  | { kind: 'block'; prelude: string; broken: boolean; children: CssNode[] };

export function parseCssBlocks(css: string): CssNode[] {
  const scanner = { css, pos: 0 };
  return parseList(scanner, 0);
}

/** A run of characters that are never structure: no comment start, quote, escape, bracket, `;`, `{` or `}`. */
const PLAIN_RUN = /[^/"'\\()[\];{}]+/y;

/** Deeper nesting than this is flagged broken rather than recursed into (no stack overflow on `{{{{…`). */
const MAX_DEPTH = 16;

interface Scanner {
  css: string;
  pos: number;
}

function parseList(s: Scanner, depth: number): CssNode[] {
  const insideBlock = depth > 0;
  const nodes: CssNode[] = [];
  let buffer = '';
  let broken = false;
  let parenDepth = 0;

  const flushStatement = () => {
    // An unclosed `(` or `[` would make the browser swallow our own `;` and `}` after it.
    if (buffer.trim()) nodes.push({ kind: 'statement', text: buffer.trim(), broken: broken || parenDepth > 0 });
    buffer = '';
    broken = false;
    parenDepth = 0;
  };

  while (s.pos < s.css.length) {
    // Ordinary characters in one slice: only the ones below are structure.
    PLAIN_RUN.lastIndex = s.pos;
    if (PLAIN_RUN.test(s.css)) {
      buffer += s.css.slice(s.pos, PLAIN_RUN.lastIndex);
      s.pos = PLAIN_RUN.lastIndex;
      continue;
    }
    const ch = s.css[s.pos]!;
    if (ch === '/' && s.css[s.pos + 1] === '*') {
      const end = s.css.indexOf('*/', s.pos + 2);
      // An unclosed comment runs to the end of the sheet, as in the browser.
      s.pos = end === -1 ? s.css.length : end + 2;
      buffer += ' ';
      continue;
    }
    if (ch === '"' || ch === "'") {
      const { text, terminated } = readString(s, ch);
      buffer += text;
      if (!terminated) broken = true;
      continue;
    }
    if (ch === '\\') {
      // An escape makes the next character literal, so `\;` or `\}` is never structure.
      buffer += s.css.slice(s.pos, s.pos + 2);
      if (s.pos + 1 >= s.css.length) broken = true;
      s.pos += 2;
      continue;
    }
    s.pos++;
    // ( and [ both open blocks that hide `;` and `}` from the browser's structure.
    if (ch === '(' || ch === '[') parenDepth++;
    else if (ch === ')' || ch === ']') parenDepth = Math.max(0, parenDepth - 1);
    else if (parenDepth === 0 && ch === ';') {
      flushStatement();
      continue;
    } else if (parenDepth === 0 && ch === '{') {
      const prelude = buffer.trim();
      const preludeBroken = broken;
      buffer = '';
      broken = false;
      if (depth >= MAX_DEPTH) {
        skipBlock(s);
        nodes.push({ kind: 'block', prelude, broken: true, children: [] });
        continue;
      }
      const children = parseList(s, depth + 1);
      nodes.push({ kind: 'block', prelude, broken: preludeBroken, children });
      continue;
    } else if (parenDepth === 0 && ch === '}') {
      if (insideBlock) {
        flushStatement();
        return nodes;
      }
      // A stray `}` at the top level: the piece around it is garbage.
      broken = true;
      continue;
    }
    buffer += ch;
  }
  flushStatement();
  return nodes;
}

/** Moves past the rest of a block we will not look inside (its content is dropped anyway). */
function skipBlock(s: Scanner): void {
  let open = 1;
  while (s.pos < s.css.length && open > 0) {
    const ch = s.css[s.pos++];
    if (ch === '\\') s.pos++;
    else if (ch === '{') open++;
    else if (ch === '}') open--;
  }
}

/** Reads a quoted string starting at `s.pos`. A raw newline or the end of input leaves it unterminated. */
function readString(s: Scanner, quote: string): { text: string; terminated: boolean } {
  const start = s.pos;
  let i = s.pos + 1;
  while (i < s.css.length) {
    const c = s.css[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      s.pos = i + 1;
      return { text: s.css.slice(start, i + 1), terminated: true };
    }
    if (c === '\n' || c === '\r' || c === '\f') break;
    i++;
  }
  s.pos = Math.min(i, s.css.length);
  return { text: s.css.slice(start, s.pos), terminated: false };
}

/**
 * CSS escapes decoded the way the browser's tokenizer decodes them (`\75 rl(` is `url(`,
 * `\@import` is `@import`), so checks see what the browser sees.
 */
export function decodeCssEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(
    /\\(?:([0-9a-f]{1,6})(?:\r\n|[ \t\r\n\f])?|([^\r\n\f0-9a-f])|[\r\n\f])/gi,
    (_match, hex: string | undefined, char: string | undefined) => {
      if (hex) {
        const code = Number.parseInt(hex, 16);
        return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
          ? '\ufffd'
          : String.fromCodePoint(code);
      }
      return char ?? '';
    },
  );
}
