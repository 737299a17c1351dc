import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob, enqueueJobs, placeInLine, requestCancel } from '../../../shared/jobs/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe("a job's place in line", () => {
  it('counts the queued jobs ahead of it, and moves up as they are taken or cancelled', async () => {
    const db = database.db;
    const jobs = await db.transaction().execute((trx) =>
      enqueueJobs(
        trx,
        Array.from({ length: 5 }, (_, i) => ({
          updateId: null,
          chatId: 8_000 + i,
          userId: 8_000 + i,
          prompt: `site ${i}`,
        })),
      ),
    );
    const last = jobs[4]!.id;
    expect(await placeInLine(db, last)).toEqual({ status: 'queued', ahead: 4 });
    expect(await placeInLine(db, jobs[0]!.id)).toEqual({ status: 'queued', ahead: 0 });

    await claimJob(db, jobs[0]!.id, 15_000);
    expect(await placeInLine(db, last)).toEqual({ status: 'queued', ahead: 3 });
    await db.transaction().execute((trx) => requestCancel(trx, { chatId: 8_001, userId: 8_001 }));
    expect(await placeInLine(db, last)).toEqual({ status: 'queued', ahead: 2 });
    // A running job has nobody ahead of it.
    expect(await placeInLine(db, jobs[0]!.id)).toEqual({ status: 'running', ahead: 0 });
  });
});
