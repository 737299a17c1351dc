/** One Prometheus text exposition, parsed: sample values by metric name and labels. */
export interface Scrape {
  /**
   * The sum of the samples of `name` whose labels include `labels` (all of them when none are
   * given), or undefined when there is no such sample.
   */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

/** Fetches `/metrics` at `baseUrl` and checks it is Prometheus's text format. */
export async function scrape(baseUrl: string): Promise<Scrape> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/plain; version=0.0.4')) throw new Error(`/metrics content-type is ${contentType}`);
  return parseExposition(await response.text());
}

export function parseExposition(text: string): Scrape {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = raw!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return {
    value(name, wanted = {}) {
      const found = samples.filter(
        (s) => s.name === name && Object.entries(wanted).every(([key, value]) => s.labels[key] === value),
      );
      return found.length === 0 ? undefined : found.reduce((sum, s) => sum + s.value, 0);
    },
  };
}
