import type { ResultFacts } from './en.ts';

/** For parse_mode HTML: every value from a user or a model goes through this before it is sent. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The first words of a prompt, to name a job in a short message. */
export function excerpt(prompt: string): string {
  return prompt.length <= 60 ? prompt : `${prompt.slice(0, 57).trimEnd()}…`;
}

/** The first `max` section names (model text: escaped), comma-separated, and `more(n)` for the rest. */
export function sectionList(sections: readonly string[], more: (rest: number) => string, max = 6): string {
  const shown = sections.slice(0, max).map(escapeHtml).join(', ');
  return sections.length > max ? `${shown}${more(sections.length - max)}` : shown;
}

/**
 * A result message, the same in every language but for its phrases: the heading, the site's title,
 * link and summary (escaped), the versions with links to the earlier ones, and the reply hint.
 */
export function resultMessage(
  site: ResultFacts,
  phrases: { head: string; versions: string; replyHint: string },
): string {
  const lines = [phrases.head, `<b>${escapeHtml(site.title)}</b>`, escapeHtml(site.url)];
  if (site.summary) lines.push('', escapeHtml(site.summary));
  if (site.versions.length > 1) {
    const listed = site.versions.map((v) =>
      v.version === site.version ? `<b>v${v.version}</b>` : `<a href="${escapeHtml(v.url)}">v${v.version}</a>`,
    );
    lines.push('', `${phrases.versions}: ${listed.join(' · ')}`);
  }
  lines.push('', `<i>${phrases.replyHint}</i>`);
  return lines.join('\n');
}

/** Bytes as MB with one decimal (MiB, as QUOTA_STORAGE_MB counts them). */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
