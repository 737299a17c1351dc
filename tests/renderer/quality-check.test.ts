import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showJob } from '../../ops/commands/jobs.ts';
import { skipWithoutChromium, CHROMIUM_PATH } from '../support/chromium.ts';
import { person, RESULT } from '../support/conversation.ts';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';

// The renderer checks every version it renders and stores what it found; ops shows it.
const skipped = skipWithoutChromium('quality check');

let system: TestSystem;
let openAi: FakeOpenAi;
beforeAll(async () => {
  if (skipped) return;
  openAi = await startFakeOpenAi();
  system = await startSystem(
    { CHROMIUM_PATH, AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-quality', AI_BASE_URL: openAi.baseUrl },
    { renders: 'renderer' },
  );
});
afterAll(async () => {
  await system?.close();
  await openAi?.close();
});

/** A page that breaks on purpose: grey on white, an image without text, a row wider than a phone. */
const INACCESSIBLE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hard to use</title></head><body><main><h1>Hard to use</h1><p style="color:#bbb;background:#fff">Pale text nobody can read.</p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=" width="40" height="40"><div style="width:900px">A row wider than a phone.</div></main></body></html>`;

const answer = (html: string) =>
  chatCompletion(
    JSON.stringify({
      title: 'Hard to use',
      summary: 'A page with problems.',
      files: [{ path: 'index.html', content: html }],
    }),
  );

const jobOf = (chatId: number) =>
  system.db
    .selectFrom('jobs')
    .select(['id', 'preview_id', 'version'])
    .where('chat_id', '=', chatId)
    .executeTakeFirstOrThrow();

describe('the quality check', () => {
  it('stores what axe-core finds and how far the page scrolls sideways, and ops job shows it', async () => {
    const ada = person(system);
    openAi.enqueue({ body: answer(INACCESSIBLE) });
    await ada.say('a page that is hard to use');
    const result = await ada.waitForMessage(RESULT);
    expect(result.photo).toBeDefined();

    const job = await jobOf(ada.chatId);
    const shown = await showJob(system.db, job.id);
    expect(shown.quality).toMatchObject({ version: 1, sidewaysPx: expect.any(Number) as number });
    expect(shown.quality!.sidewaysPx).toBeGreaterThan(0);
    expect(shown.quality!.seriousOrCritical).toBeGreaterThanOrEqual(2);
    expect(shown.quality!.findings).toMatch(/image-alt \(critical, 1\)/);
    expect(shown.quality!.findings).toMatch(/color-contrast \(serious, 1\)/);
  });

  it('a well-made page has no serious or critical findings and fits a phone', async () => {
    const ada = person(system);
    await ada.say('a landing page for a bakery');
    await ada.waitForMessage(RESULT);
    const job = await jobOf(ada.chatId);
    const shown = await showJob(system.db, job.id);
    expect(shown.quality).toMatchObject({ version: 1, sidewaysPx: 0, seriousOrCritical: 0 });
  });
});
