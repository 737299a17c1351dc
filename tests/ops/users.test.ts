import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockUser, unblockUser } from '../../ops/commands/users.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const userRow = (userId: number) =>
  database.db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();

describe('ops user block / unblock', () => {
  it('block records the user as banned, with the reason', async () => {
    const result = await blockUser(database.db, 4242, 'spam');
    expect(result).toMatchObject({ userId: 4242, bannedAt: expect.any(Date), bannedReason: 'spam' });
    expect(await userRow(4242)).toMatchObject({ banned_at: result.bannedAt, banned_reason: 'spam' });
  });

  it('blocking again keeps the first time and takes the new reason', async () => {
    const first = await blockUser(database.db, 4343, 'spam');
    const second = await blockUser(database.db, 4343, 'abuse');
    expect(second).toMatchObject({ bannedAt: first.bannedAt, bannedReason: 'abuse' });
  });

  it('unblock clears the ban; unblocking a user never blocked changes nothing', async () => {
    await blockUser(database.db, 4444, undefined);
    expect(await unblockUser(database.db, 4444)).toMatchObject({ userId: 4444, bannedAt: null, bannedReason: null });
    expect(await userRow(4444)).toMatchObject({ banned_at: null });

    expect(await unblockUser(database.db, 4545)).toMatchObject({ userId: 4545, bannedAt: null });
    expect(await userRow(4545)).toBeUndefined();
  });
});
