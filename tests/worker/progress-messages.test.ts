import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { textUpdate } from '../support/updates.ts';
import { until } from '../support/until.ts';

const answer = readFileSync(new URL('../fixtures/ai-answers/json-bundle.json', import.meta.url), 'utf8');
/**
 * ~8 s of streaming: a progress edit after the "writing" one (edits are 3 s apart) even when a busy
 * machine sends the "writing" edit seconds late, while the answer is already streaming.
 */
const slowAnswer = { body: chatCompletion(answer), chunkChars: 25, chunkDelayMs: 220 };

let system: TestSystem;
let openAi: FakeOpenAi;
beforeAll(async () => {
  openAi = await startFakeOpenAi();
  system = await startSystem({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-progress', AI_BASE_URL: openAi.baseUrl });
});
afterAll(async () => {
  await system?.close();
  await openAi?.close();
});

async function submit(prompt: string) {
  const update = textUpdate(prompt);
  expect((await system.postUpdate(update)).status).toBe(200);
  const chatId = update.message.chat.id;
  const link = () => system.telegram.messagesTo(chatId).find((t) => /\/p\/[a-z2-7]{26}\//.test(t));
  return { chatId, updateId: update.update_id, link };
}

const editsIn = (chatId: number) =>
  system.telegram.calls.filter((c) => c.method === 'editMessageText' && Number(c.payload.chat_id) === chatId);

describe('progress in chat while the answer streams', () => {
  it("edits the job's status message through the stages, with bytes written and sections seen, no sooner than 3 s apart", async () => {
    openAi.enqueue(slowAnswer);
    const { chatId, updateId, link } = await submit('a site for a harbour café');
    await system.telegram.waitFor(link);

    const job = await system.db
      .selectFrom('jobs')
      .select(['status', 'status_message_id'])
      .where('update_id', '=', updateId)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    const edits = editsIn(chatId);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.every((e) => e.payload.message_id === job.status_message_id)).toBe(true);
    expect(edits[0]!.payload.text).toBe('⚙️ Writing your site…');
    expect(edits[1]!.payload.text).toMatch(/^⚙️ Writing your site… \d+ KB written(, sections so far: .+)?$/);
    // The acknowledgement ("Got it!") is the status message; edits keep Telegram's pace in that chat.
    const statusSent = system.telegram.calls.find(
      (c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId,
    )!;
    expect(statusSent.payload.text).toMatch(/^⏳ Got it!/);
    expect(edits[0]!.at - statusSent.at).toBeGreaterThanOrEqual(900);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(2900);
    // Still one status message and one final message: progress edits, it does not send; the status
    // message is taken away once the answer is there.
    expect(system.telegram.messagesTo(chatId)).toHaveLength(2);
    await until(() => !system.telegram.chat(chatId).some((m) => m.messageId === job.status_message_id));
  });

  it('a failing edit does not fail the job', async () => {
    system.telegram.script(
      'editMessageText',
      ...Array.from({ length: 3 }, () => ({
        status: 400,
        body: { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' },
      })),
    );
    openAi.enqueue(slowAnswer);
    const { chatId, updateId, link } = await submit('a site for a flower market');
    await system.telegram.waitFor(link);
    expect(editsIn(chatId).length).toBeGreaterThanOrEqual(1);
    const job = await system.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('update_id', '=', updateId)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 1 });
  });
});
