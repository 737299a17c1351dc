import { benchPipelineBurst } from './pipeline-burst.ts';
import { benchPreviewServing } from './preview-serving.ts';
import { benchRenderer } from './renderer.ts';
import { benchSanitizer } from './sanitizer.ts';
import { benchWebhookIngest } from './webhook-ingest.ts';

// `npm run bench`: every benchmark, each with its baseline measured in this same run; figures go to
// bench/results/latest.json. Each part also runs alone: `npx tsx bench/<name>.ts`.
const parts = {
  'webhook ingest': benchWebhookIngest,
  'preview serving': benchPreviewServing,
  'pipeline burst': benchPipelineBurst,
  sanitizer: benchSanitizer,
  renderer: benchRenderer,
};
const started = Date.now();
const took: string[] = [];
for (const [name, bench] of Object.entries(parts)) {
  const partStarted = Date.now();
  await bench();
  took.push(`${name} ${seconds(Date.now() - partStarted)} s`);
}
process.stdout.write(
  `\nall benchmarks done in ${seconds(Date.now() - started)} s (${took.join(', ')}); results in bench/results/latest.json\n`,
);

function seconds(ms: number): string {
  return (ms / 1000).toFixed(0);
}
