import type { GenerationProgress } from './provider.ts';

/**
 * Section headings (`<h2>…</h2>`) as they appear in the raw stream. The HTML arrives inside a JSON
 * string, so attribute quotes are `\"` — `[^>]*` does not care.
 */
const HEADING = /<h2\b[^>]*>([\s\S]*?)<\/h2\s*>/gi;
/** A heading longer than this is not re-found when it straddles two chunks; no real one is. */
const LOOKBEHIND_CHARS = 400;
const MAX_SECTION_CHARS = 40;

/**
 * Turns text deltas into progress: bytes so far and the section headings seen so far. Only a short
 * tail of the text is kept and rescanned with each delta, so a long answer costs linear time and
 * no second copy of itself, however finely it is chunked.
 */
export function trackProgress(
  onProgress: ((progress: GenerationProgress) => void) | undefined,
): (delta: string) => void {
  /** The text where the next heading may start: after the last one found, at most LOOKBEHIND_CHARS back. */
  let tail = '';
  let bytes = 0;
  const sections: string[] = [];
  const heading = new RegExp(HEADING);

  return (delta) => {
    if (!onProgress || !delta) return;
    bytes += Buffer.byteLength(delta, 'utf8');
    const text = tail + delta;
    let scanned = 0;
    heading.lastIndex = 0;
    for (let match = heading.exec(text); match; match = heading.exec(text)) {
      scanned = heading.lastIndex;
      const name = headingText(match[1] ?? '');
      if (name && !sections.includes(name)) sections.push(name);
    }
    tail = text.slice(Math.max(scanned, text.length - LOOKBEHIND_CHARS));
    onProgress({ bytes, sections: [...sections] });
  };
}

/** `Our \"Menu\" &amp; more<br>` (JSON-escaped HTML) → `Our "Menu" & more`, clipped. */
function headingText(raw: string): string {
  const text = raw
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(.)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_SECTION_CHARS ? `${text.slice(0, MAX_SECTION_CHARS - 1)}…` : text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };
