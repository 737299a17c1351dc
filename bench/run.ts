import { benchPreviewServing } from './preview-serving.ts';
import { benchSanitizer } from './sanitizer.ts';
import { benchWebhookIngest } from './webhook-ingest.ts';

// `npm run bench`: every benchmark, each with its baseline measured in this same run; figures go to
// bench/results/latest.json. Each part also runs alone: `npx tsx bench/<name>.ts`.
const started = Date.now();
await benchWebhookIngest();
await benchPreviewServing();
await benchSanitizer();
process.stdout.write(`\nall benchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s; results in bench/results/latest.json\n`);
