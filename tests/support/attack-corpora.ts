import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The public attack corpora (tests/fixtures/corpora/, copied unchanged from the shared corpora) and
 * our own additions beside them (see the README there). Parsed with a schema so a changed file format fails loudly instead of
 * silently testing nothing.
 */

const xssVectorSchema = z.object({
  id: z.string(),
  category: z.string(),
  source: z.string(),
  ref: z.string(),
  vector: z.string(),
  note: z.string(),
});

const exfilVectorSchema = z.object({
  id: z.string(),
  category: z.string(),
  vector: z.string(),
  expected: z.string(),
  governed_by: z.string(),
  requires_interaction: z.boolean(),
  source: z.string(),
  note: z.string(),
});

/** One hostile page to try, whichever corpus it came from. */
export interface AttackVector {
  id: string;
  category: string;
  /** The HTML, exactly as the corpus has it. */
  vector: string;
  note: string;
}

function load<T>(name: string, schema: z.ZodType<T>): T[] {
  const text = readFileSync(new URL(`../fixtures/corpora/${name}`, import.meta.url), 'utf8');
  return z.array(schema).min(1).parse(JSON.parse(text));
}

export const xssVectors: AttackVector[] = load('xss-vectors.json', xssVectorSchema);
export const exfilVectors: AttackVector[] = load('exfil-vectors.json', exfilVectorSchema);
/** Our own: what no header stops, inside `<noscript>` (see the README there). */
export const noscriptVectors: AttackVector[] = load('noscript-vectors.json', exfilVectorSchema);
/** Every corpus, XSS first. Every vector is tried with interaction (clicks, Tab, mouse), so the `requires_interaction` ones are covered too. */
export const allAttackVectors: AttackVector[] = [...xssVectors, ...exfilVectors, ...noscriptVectors];
