import { Gauge } from 'prom-client';
import { metricsRegistry } from './registry.ts';

/** One value of a gauge, with its labels when the gauge has any. */
export interface GaugeSample<L extends string> {
  labels?: Partial<Record<L, string>>;
  value: number;
}

export interface ScrapedGauge<L extends string> {
  /**
   * Measures the gauge with `measure` from now on, replacing the one before. Returns the function
   * that stops it (call it at close, while the connection `measure` uses is still open).
   */
  measureWith(measure: () => Promise<GaugeSample<L>[]>): () => void;
}

/**
 * A gauge measured when /metrics is scraped (prom-client's `collect`), never by polling: the
 * outbox backlog, the queue depths. Only the running service can measure it (it owns the database
 * or broker connection), so it attaches a measure at start and detaches it at close. With no
 * measure, or one that fails (database or broker unreachable), the gauge has no sample in that
 * scrape: an unknown value is left out, never reported as 0.
 */
export function scrapedGauge<L extends string = string>(config: {
  name: string;
  help: string;
  labelNames?: readonly L[];
}): ScrapedGauge<L> {
  let current: (() => Promise<GaugeSample<L>[]>) | undefined;
  new Gauge<L>({
    ...config,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      const samples = current ? await current().catch(() => undefined) : undefined;
      if (!samples) {
        // reset() leaves a gauge without labels at 0; take that sample away too.
        if (!config.labelNames?.length) this.remove();
        return;
      }
      for (const { labels, value } of samples) {
        if (labels) this.set(labels, value);
        else this.set(value);
      }
    },
  });
  return {
    measureWith(measure) {
      current = measure;
      return () => {
        if (current === measure) current = undefined;
      };
    },
  };
}
