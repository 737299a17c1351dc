/** For parse_mode HTML: every value from a user or a model goes through this before it is sent. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The first words of a prompt, to name a job in a short message. */
export function excerpt(prompt: string): string {
  return prompt.length <= 60 ? prompt : `${prompt.slice(0, 57).trimEnd()}…`;
}
