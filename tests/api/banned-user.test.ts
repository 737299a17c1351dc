import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockUser, unblockUser } from '../../ops/commands/users.ts';
import { startApiUnderTest, type ApiUnderTest } from '../support/api-under-test.ts';
import { untilHandled } from '../support/inbox.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { textUpdate } from '../support/updates.ts';

const SECRET = 'banned-user-secret';

let database: TestDatabase;
let api: ApiUnderTest['api'];
let system: ApiUnderTest;

beforeAll(async () => {
  system = await startApiUnderTest(SECRET);
  ({ database, api } = system);
});

afterAll(() => system?.close());

/** Delivers the update and waits until the bot handled it. */
async function post(update: { update_id: number }) {
  const response = await fetch(`${api.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
  await untilHandled(database.db, update.update_id);
}

const jobsFor = (updateId: number) =>
  database.db.selectFrom('jobs').select('id').where('update_id', '=', updateId).execute();

describe('a user blocked with the ops CLI', () => {
  it('gets a short plain refusal for a text message, and no job is created', async () => {
    const update = textUpdate('a landing page for a casino', { chatId: 5150 });
    await blockUser(database.db, 5150, 'abuse');

    await post(update);

    const reply = await system.telegram.waitFor(() =>
      system.telegram.calls.find((call) => call.method === 'sendMessage' && call.payload.chat_id === 5150),
    );
    expect(reply.payload).toEqual({ chat_id: 5150, text: 'Sorry, this bot is not available to you.' });
    expect(await jobsFor(update.update_id)).toHaveLength(0);
  });

  it('gets jobs again once unblocked', async () => {
    await blockUser(database.db, 5151, undefined);
    await unblockUser(database.db, 5151);
    const update = textUpdate('a landing page for a bakery', { chatId: 5151 });

    await post(update);

    expect(await jobsFor(update.update_id)).toHaveLength(1);
  });
});
