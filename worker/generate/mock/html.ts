/**
 * Building HTML from untrusted text: every value from the prompt (or from a previous page) goes
 * through `escapeHtml`; markup is only ever written by the section builders themselves.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Joins rendered pieces, leaving out the empty ones. */
export function joinHtml(parts: readonly (string | false | undefined)[], separator = '\n'): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(separator);
}
