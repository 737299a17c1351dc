import { bundleFileBytes, bundleSchema, maxBundleBytes, type Bundle } from '../../shared/bundle.ts';
import { BundleTooBigError, InvalidAnswerError } from '../../shared/errors.ts';
import { readHtml } from '../sanitize/read-html.ts';

const FALLBACK_TITLE = 'Your site';

/**
 * A model's text → a bundle. Models are asked for a JSON bundle but do not always comply, so this
 * also accepts (b) a ```html block with an optional ```css block and (c) a bare HTML document.
 * Anything else throws InvalidAnswerError, whose message says why (it is recorded with the attempt).
 * The result is only well-formed, not safe: sanitizeBundle comes next.
 */
export function parseAnswer(text: string): Bundle {
  const answer = text.trim();
  if (!answer) throw new InvalidAnswerError('the answer is empty');

  const json = extractJson(answer);
  if (json !== undefined) return bundleFromJson(json);

  const html = extractHtml(answer);
  if (html)
    return validate(
      { title: titleFromHtml(html.html), summary: '', files: htmlFiles(html.html, html.css) },
      'the HTML answer',
    );

  throw new InvalidAnswerError(
    `the answer is neither a JSON bundle nor HTML (it starts with ${JSON.stringify(answer.slice(0, 60))})`,
  );
}

/** The JSON value of the answer, or undefined when the answer does not look like JSON at all. */
function extractJson(answer: string): unknown {
  const candidate =
    (answer.startsWith('{') ? answer : undefined) ??
    /^```[a-z]*[ \t]*\n(\{[\s\S]*\})\s*```$/i.exec(answer)?.[1] ??
    /```json[ \t]*\n(\{[\s\S]*?\})\s*```/i.exec(answer)?.[1] ??
    // Prose around a bare object: take the outermost braces, but only if it names files.
    (/"files"\s*:/.test(answer) && answer.includes('{')
      ? answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1)
      : undefined);
  if (candidate === undefined) return undefined;
  try {
    return JSON.parse(candidate);
  } catch (error) {
    throw new InvalidAnswerError(
      `the answer looks like JSON but does not parse (${(error as Error).message}); was it cut short?`,
    );
  }
}

function bundleFromJson(value: unknown): Bundle {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidAnswerError('the JSON answer is not an object');
  }
  const record = value as Record<string, unknown>;
  const html = record.html;
  if (record.files === undefined && typeof html === 'string') {
    // { html, css } instead of files: same meaning, different spelling.
    const css = typeof record.css === 'string' ? record.css : undefined;
    return validate(
      {
        title: textOr(record.title, () => titleFromHtml(html)),
        summary: textOr(record.summary, () => ''),
        files: htmlFiles(html, css),
      },
      'the JSON bundle',
    );
  }
  const files = normalizeFiles(record.files);
  const index = files.find((f) => f.path === 'index.html');
  const title = textOr(record.title, () =>
    typeof index?.content === 'string' ? titleFromHtml(index.content) : FALLBACK_TITLE,
  );
  return validate({ title, summary: textOr(record.summary, () => ''), files }, 'the JSON bundle');
}

/**
 * Accepts `[{ path, content, encoding? }]` or `{ "index.html": "…" }`; strips a leading `./` or `/`
 * from paths. A file's `encoding` is kept as sent (`base64` for images); the bundle rules judge it.
 */
function normalizeFiles(files: unknown): { path: string; content: unknown; encoding?: unknown }[] {
  const entries: { path: unknown; content: unknown; encoding?: unknown }[] = Array.isArray(files)
    ? files.map((f: unknown) => {
        const { path, content, encoding } = (f ?? {}) as { path?: unknown; content?: unknown; encoding?: unknown };
        return { path, content, ...(encoding !== undefined && encoding !== null && { encoding }) };
      })
    : typeof files === 'object' && files !== null
      ? Object.entries(files as Record<string, unknown>).map(([path, content]) => ({ path, content }))
      : [];
  return entries.map((entry) => ({
    ...entry,
    path: typeof entry.path === 'string' ? entry.path.trim().replace(/^\.?\/+/, '') : String(entry.path),
  }));
}

function extractHtml(answer: string): { html: string; css: string | undefined } | undefined {
  const fenced = /```html?[ \t]*\n([\s\S]*?)```/i.exec(answer)?.[1];
  const css = /```css[ \t]*\n([\s\S]*?)```/i.exec(answer)?.[1];
  if (fenced?.trim()) return { html: fenced.trim(), css: css?.trim() || undefined };
  if (!/^(?:<!doctype|<html)/i.test(answer) && !/<body[\s>]/i.test(answer)) return undefined;
  // A document with a sentence of prose around it: keep the document.
  const start = Math.max(0, answer.search(/<!doctype|<html/i));
  const end = answer.toLowerCase().lastIndexOf('</html>');
  return { html: answer.slice(start, end > start ? end + '</html>'.length : undefined), css: undefined };
}

/** index.html (plus styles.css), making sure the page actually links the stylesheet it came with. */
function htmlFiles(html: string, css: string | undefined): { path: string; content: string }[] {
  if (!css) return [{ path: 'index.html', content: html }];
  const link = '<link rel="stylesheet" href="styles.css">';
  const linked = /href\s*=\s*["']?(?:\.\/)?styles\.css/i.test(html);
  const withLink = linked
    ? html
    : /<\/head>/i.test(html)
      ? html.replace(/<\/head>/i, `${link}\n</head>`)
      : `${link}\n${html}`;
  return [
    { path: 'index.html', content: withLink },
    { path: 'styles.css', content: css },
  ];
}

function validate(
  candidate: { title: string; summary: string; files: { path: string; content: unknown; encoding?: unknown }[] },
  what: string,
): Bundle {
  assertFitsTheLimit(candidate.files);
  const parsed = bundleSchema.safeParse({
    ...candidate,
    title: clip(candidate.title, 200) || FALLBACK_TITLE,
    summary: clip(candidate.summary, 1000),
  });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'bundle'}: ${issue.message}`);
  throw new InvalidAnswerError(`${what} is not a valid bundle: ${problems.join('; ')}`);
}

/**
 * Files adding up to more than a site may publish fail for good (BundleTooBigError), not as an
 * invalid answer to be asked for again: the same request would bring as much again.
 */
function assertFitsTheLimit(files: { content: unknown; encoding?: unknown }[]): void {
  let bytes = 0;
  for (const { content, encoding } of files) {
    if (typeof content === 'string')
      bytes += bundleFileBytes({ content, encoding: encoding === 'base64' ? 'base64' : 'utf8' });
  }
  if (bytes > maxBundleBytes)
    throw new BundleTooBigError(
      `the answer's files add up to ${bytes} bytes, more than the ${maxBundleBytes} a site may publish`,
    );
}

/**
 * Title from `<title>`, else the first `<h1>`, else a neutral fallback. Read in one pass without
 * building a tree (read-html.ts): a page of a hundred thousand nested tags costs no more than its
 * length.
 */
export function titleFromHtml(html: string): string {
  const found = { title: '', h1: '' };
  let reading: 'title' | 'h1' | undefined;
  let depth = 0;
  readHtml(html, {
    onopentag(tag) {
      if (reading) depth++;
      else if ((tag === 'title' || tag === 'h1') && !found[tag]) reading = tag;
    },
    ontext(text) {
      if (reading) found[reading] += text;
    },
    onclosetag() {
      if (!reading) return;
      if (depth > 0) depth--;
      else reading = undefined;
    },
  });
  return clip(found.title, 200) || clip(found.h1, 200) || FALLBACK_TITLE;
}

/** A non-blank string as it is, else the fallback (made only when needed). */
function textOr(value: unknown, fallback: () => string): string {
  return typeof value === 'string' && value.trim() ? value : fallback();
}

function clip(text: string, maxChars: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxChars ? `${oneLine.slice(0, maxChars - 1)}…` : oneLine;
}
