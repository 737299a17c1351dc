import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectQueue, type JobQueue } from '../../shared/queue/index.ts';
import { skipWithoutChromium, CHROMIUM_PATH } from '../support/chromium.ts';
import { person, RESULT } from '../support/conversation.ts';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { testLogger } from '../support/test-config.ts';
import { until } from '../support/until.ts';

// When the picture cannot come, the link still does, once: no renderer, screenshots off, a renderer
// that hangs, pages built to stall a browser.
const skipped = skipWithoutChromium('site picture fallbacks');

/** Every final message (photo or text) a chat was sent. */
const finalMessagesTo = (system: TestSystem, chatId: number) =>
  system.telegram.calls.filter(
    (c) =>
      Number(c.payload.chat_id) === chatId &&
      (c.method === 'sendPhoto' || c.method === 'sendMessage') &&
      RESULT.test(String(c.payload.caption ?? c.payload.text)),
  );

describe('without a renderer', () => {
  let system: TestSystem;
  beforeAll(async () => {
    if (skipped) return;
    // The worker is connected to the render queue, but no renderer consumes it.
    system = await startSystem({ RENDER_DEADLINE_MS: '600000' }, { renders: 'no-renderer' });
  });
  afterAll(() => system?.close());

  it('the link goes alone, as a text message, without waiting for a deadline', async () => {
    const ada = person(system);
    await ada.say('a landing page for a bakery');
    // Within the default wait of 20 s, where the deadline is ten minutes away.
    const result = await ada.waitForMessage(RESULT);
    expect(result.photo).toBeUndefined();
    const job = await system.db
      .selectFrom('jobs')
      .selectAll()
      .where('chat_id', '=', ada.chatId)
      .executeTakeFirstOrThrow();
    expect(job.render_until).toBeNull();
    expect(finalMessagesTo(system, ada.chatId).map((c) => c.method)).toEqual(['sendMessage']);
  });
});

describe('with SCREENSHOTS=off', () => {
  let system: TestSystem;
  beforeAll(async () => {
    if (skipped) return;
    system = await startSystem({ CHROMIUM_PATH, SCREENSHOTS: 'off' }, { renders: 'renderer' });
  });
  afterAll(() => system?.close());

  it('a running renderer is not asked: the link goes alone', async () => {
    const ada = person(system);
    await ada.say('a landing page for a bakery');
    const result = await ada.waitForMessage(RESULT);
    expect(result.photo).toBeUndefined();
    expect(finalMessagesTo(system, ada.chatId).map((c) => c.method)).toEqual(['sendMessage']);
  });
});

describe('a renderer that never answers', () => {
  let system: TestSystem;
  let stuck: JobQueue;
  beforeAll(async () => {
    if (skipped) return;
    system = await startSystem({ RENDER_DEADLINE_MS: '1000' }, { renders: 'no-renderer' });
    // Takes render messages and sits on them, as a renderer hung on a page or cut off would.
    stuck = await connectQueue(system.config, testLogger(), 'renderer', { lane: 'renders', concurrency: 4 });
    await stuck.consume(() => new Promise(() => undefined));
  });
  afterAll(async () => {
    await system?.close();
    await stuck?.close();
  });

  it('the worker sends the link alone once the deadline passed, and only once', async () => {
    const ada = person(system);
    await ada.say('a landing page for a bakery');
    const result = await ada.waitForMessage(RESULT);
    expect(result.photo).toBeUndefined();
    const jobRow = () =>
      system.db.selectFrom('jobs').selectAll().where('chat_id', '=', ada.chatId).executeTakeFirstOrThrow();
    // Recorded right after Telegram took the message.
    await until(async () => (await jobRow()).result_message_id !== null);
    const job = await jobRow();
    expect(job.render_until).not.toBeNull();
    expect(job.result_message_id).toBe(result.messageId);
    expect(finalMessagesTo(system, ada.chatId)).toHaveLength(1);
  });
});

describe('pages built to stall the browser', () => {
  let system: TestSystem;
  let openAi: FakeOpenAi;
  beforeAll(async () => {
    if (skipped) return;
    openAi = await startFakeOpenAi();
    system = await startSystem(
      {
        CHROMIUM_PATH,
        AI_PROVIDER: 'openai',
        AI_API_KEY: 'sk-test-render',
        AI_BASE_URL: openAi.baseUrl,
        RENDER_TIMEOUT_MS: '3000',
        RENDERER_CONCURRENCY: '1',
      },
      { renders: 'renderer' },
    );
  });
  afterAll(async () => {
    await system?.close();
    await openAi?.close();
  });

  const page = (body: string) =>
    chatCompletion(
      JSON.stringify({
        title: 'Hostile',
        summary: 'A page made to be expensive.',
        files: [
          {
            path: 'index.html',
            content: `<!DOCTYPE html><html lang="en"><head><title>Hostile</title></head><body>${body}</body></html>`,
          },
        ],
      }),
    );

  const hostile: Record<string, string> = {
    '50,000 elements': '<p>x</p>'.repeat(50_000),
    'deeply nested flex boxes':
      '<div style="display:flex;flex-direction:column;min-height:100%">'.repeat(400) + 'x' + '</div>'.repeat(400),
    'a page taller than any screen': `<div style="height:90000000px;background:linear-gradient(red,blue)">${'<span>tall </span>'.repeat(5000)}</div>`,
  };

  it.each(Object.entries(hostile))(
    '%s: the link arrives, and the next site still gets its picture',
    async (_name, body) => {
      const ada = person(system);
      openAi.enqueue({ body: page(body) });
      await ada.say('a hostile page');
      const first = await ada.waitForMessage(RESULT, 60_000);
      expect(finalMessagesTo(system, ada.chatId)).toHaveLength(1);

      await ada.say('a landing page for a bakery');
      const second = await ada.waitForNth(RESULT, 2, 60_000);
      expect(second.photo).toBeDefined();
      expect(finalMessagesTo(system, ada.chatId)).toHaveLength(2);
      expect(first.messageId).not.toBe(second.messageId);
    },
  );
});
