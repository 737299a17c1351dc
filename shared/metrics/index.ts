export { metricsRegistry } from './registry.ts';
export { metricsRoute } from './metrics-route.ts';
export { scrapedGauge, type GaugeSample, type ScrapedGauge } from './scraped-gauge.ts';
