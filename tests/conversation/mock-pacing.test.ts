import { afterAll, beforeAll, expect, it } from 'vitest';
import { person, RESULT } from '../support/conversation.ts';
import { startSystem, type TestSystem } from '../support/system.ts';

// As `npm start` runs the mock: slow enough that the status message shows real progress.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ MOCK_DELAY_MS: '8000' });
});
afterAll(() => system?.close());

it('with MOCK_DELAY_MS the status message shows the writing progress, KB and sections so far, before the result', async () => {
  const ada = person(system);
  await ada.say('A landing page for a coffee shop in Lisbon with a menu, opening hours and reviews');
  await ada.waitForMessage(RESULT, 45_000);
  const edits = system.telegram.calls
    .filter((c) => c.method === 'editMessageText' && Number(c.payload.chat_id) === ada.chatId)
    .map((c) => String(c.payload.text));
  expect(edits).toContainEqual(expect.stringMatching(/^⚙️ Writing your site… \d+ KB written, sections so far: /));
  // Writing, then checking, then publishing: never back to an earlier stage.
  const stages = edits.map((text) => ['⚙️', '🔍', '📦'].findIndex((mark) => text.startsWith(mark)));
  expect(stages).not.toContain(-1);
  expect(stages).toEqual([...stages].sort((a, b) => a - b));
});
