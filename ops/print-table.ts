/**
 * Turns what a command returned into text for a terminal. Commands return plain data (rows and
 * objects); this is the one place that decides how it looks. Names carry their units, as in the
 * rest of the code, and the unit decides the format: `…Ms` is a duration (`1.2 s`), `…Usd` money
 * (`$0.0123`), a Date an ISO time without milliseconds. Numbers are right-aligned.
 *
 * Shapes: an array of objects is a table; an object prints its plain values as aligned
 * `key  value` lines and each nested array or object under its own heading, in the object's order.
 */
export function renderText(data: unknown): string {
  return render(data).join('\n');
}

/** Cells longer than this are cut in tables (`--json` has everything). */
const maxCellChars = 48;

type Cell = { text: string; alignRight: boolean };

function render(data: unknown): string[] {
  if (Array.isArray(data))
    return data.every(isPlainObject) ? table(data) : data.map((item) => formatCell('', item).text);
  if (!isPlainObject(data)) return [formatCell('', data).text];
  const entries = Object.entries(data);
  const keyWidth = Math.max(0, ...entries.filter(([, value]) => !isNested(value)).map(([key]) => heading(key).length));
  const lines: string[] = [];
  let afterNested = false;
  // In the object's own order: a nested part gets a blank line before and after it.
  for (const [key, value] of entries) {
    if (isNested(value)) {
      if (lines.length > 0) lines.push('');
      lines.push(`${heading(key)}:`, ...render(value).map((line) => (line ? `  ${line}` : line)));
      afterNested = true;
      continue;
    }
    if (afterNested) lines.push('');
    afterNested = false;
    lines.push(`${heading(key).padEnd(keyWidth)}  ${formatCell(key, value).text}`.trimEnd());
  }
  return lines;
}

function table(rows: Record<string, unknown>[]): string[] {
  if (rows.length === 0) return ['(none)'];
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => keys.map((key) => formatCell(key, row[key], maxCellChars)));
  const widths = keys.map((key, i) => Math.max(heading(key).length, ...cells.map((row) => row[i]!.text.length)));
  const alignRight = keys.map((_, i) => cells.some((row) => row[i]!.alignRight));
  const line = (texts: string[]) =>
    texts
      .map((text, i) => (alignRight[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(keys.map(heading)), ...cells.map((row) => line(row.map((cell) => cell.text)))];
}

/** `createdAt` → `created at`; the unit suffix goes, since the value shows it (`p95Ms` → `p95`). */
function heading(key: string): string {
  return key
    .replace(/(Ms|Usd)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function formatCell(key: string, value: unknown, maxChars = Infinity): Cell {
  if (value === null || value === undefined) return { text: '-', alignRight: false };
  if (value instanceof Date) return { text: formatTime(value), alignRight: false };
  if (key.endsWith('Ms') && typeof value === 'number') return { text: formatDuration(value), alignRight: true };
  if (key.endsWith('Usd')) return { text: `$${Number(value).toFixed(4)}`, alignRight: true };
  if (typeof value === 'number') return { text: String(value), alignRight: true };
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no', alignRight: false };
  const text = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'string' || typeof value === 'bigint'
      ? value.toString()
      : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return { text: oneLine.length > maxChars ? `${oneLine.slice(0, maxChars - 1)}…` : oneLine, alignRight: false };
}

/** ISO 8601 in UTC, to the second: `2026-11-22T04:05:06Z`. */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `850 ms`, `1.2 s`, `3.5 min`, `2.0 h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Objects and lists get their own heading; a few plain values (`message, callback_query`) print inline. */
function isNested(value: unknown): boolean {
  if (isPlainObject(value)) return true;
  return Array.isArray(value) && (value.length === 0 || value.length > 4 || value.some(isPlainObject));
}
