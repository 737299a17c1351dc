/**
 * Everything the bot says, in one place. Texts are sent with parse_mode HTML, so every value that
 * comes from a user or a model goes through `escapeHtml` first.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const words = {
  welcome: () =>
    [
      '<b>Hi! I build small websites from a description.</b>',
      '',
      'Send me a message like:',
      '• <i>a landing page for a coffee shop in Lisbon</i>',
      '• <i>a portfolio for a wedding photographer</i>',
      '',
      'I will reply with a link to your new site in about a minute.',
    ].join('\n'),
  /** To a user an operator blocked (ops CLI `user block`). Plain text, no parse_mode. */
  usage: (today: { jobs: number; tokens: number }, month: { jobs: number; tokens: number }) =>
    [
      '<b>Your usage</b>',
      `Today: ${today.jobs} ${today.jobs === 1 ? 'site' : 'sites'}, ${today.tokens.toLocaleString('en-US')} AI tokens`,
      `This month: ${month.jobs} ${month.jobs === 1 ? 'site' : 'sites'}, ${month.tokens.toLocaleString('en-US')} AI tokens`,
    ].join('\n'),
  banned: () => 'Sorry, this bot is not available to you.',
  onlyText: () => 'I understand text only: describe the website you want in one message, and I will build it.',
  promptTooLong: (max: number, length: number) =>
    `That description is ${length} characters long; please keep it under ${max} characters and send it again.`,
  emptyPrompt: () => 'Describe the website you want, for example: <i>a landing page for a yoga studio</i>.',
  working: () => '⏳ Building your site… this usually takes under a minute.',
  /**
   * The status message, edited while the answer streams in. Plain text (sent without parse_mode,
   * like `working`), so the model's headings need no escaping.
   */
  progress: (bytes: number, sections: readonly string[]) => {
    const written = `${Math.max(1, Math.round(bytes / 1024))} KB written`;
    if (sections.length === 0) return `⏳ Building your site… ${written}`;
    const shown = sections.slice(0, 6).join(', ');
    const more = sections.length > 6 ? ` and ${sections.length - 6} more` : '';
    return `⏳ Building your site… ${written}, sections so far: ${shown}${more}`;
  },
  done: (title: string, url: string, summary: string) =>
    [`✅ <b>${escapeHtml(title)}</b> is ready:`, escapeHtml(url), summary ? `\n${escapeHtml(summary)}` : ''].join('\n').trim(),
  failed: (reason: string) => `❌ Sorry, I could not build your site. ${escapeHtml(reason)} Please try again in a few minutes.`,
};
