import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../api/start-api.ts';
import { connectQueue, type JobQueue } from '../../../shared/queue/index.ts';
import { en } from '../../../shared/telegram/words/en.ts';
import { ko } from '../../../shared/telegram/words/ko.ts';
import { startFakeTelegram } from '../../support/fake-telegram.ts';
import { TEST_RABBITMQ_URL } from '../../support/services.ts';
import { testConfig, testLogger } from '../../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { testQueueNames } from '../../support/test-queue.ts';
import { until } from '../../support/until.ts';

/**
 * The bot's profile (what Telegram shows before a user presses Start) comes from the words files,
 * per language, and is set where a deployment starts taking updates: `ops webhook set`, or the
 * api's start when it polls.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TOKEN = '123456:PROFILE-token';
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;

/** Each profile call as [method, payload], in the order made. */
const profileCalls = () =>
  telegram.calls
    .filter((call) => call.method === 'setMyDescription' || call.method === 'setMyShortDescription')
    .map((call) => [call.method, call.payload] as const);

/** English for everyone (no language_code), Korean for Korean clients. */
const expectedProfile = [
  ['setMyDescription', { description: en.profile.description }],
  ['setMyShortDescription', { short_description: en.profile.shortDescription }],
  ['setMyDescription', { description: ko.profile.description, language_code: 'ko' }],
  ['setMyShortDescription', { short_description: ko.profile.shortDescription, language_code: 'ko' }],
];

beforeAll(async () => {
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  await telegram?.close();
});

describe('the bot profile', () => {
  it('fits Telegram’s limits in every language: 512 characters of description, 120 of short description', () => {
    for (const words of [en, ko]) {
      expect(words.profile.description.length).toBeLessThanOrEqual(512);
      expect(words.profile.shortDescription.length).toBeLessThanOrEqual(120);
    }
  });

  it('`ops webhook set` sets the description and short description in English for everyone and in Korean for Korean clients', async () => {
    telegram.calls.length = 0;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'node_modules/.bin/tsx',
        ['ops/main.ts', 'webhook', 'set', '--url', 'https://bot.example.com/telegram/webhook', '--json'],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            TELEGRAM_BOT_TOKEN: TOKEN,
            TELEGRAM_SECRET_TOKEN: 'profile_secret',
            TELEGRAM_API_ROOT: telegram.apiRoot,
            LOG_LEVEL: 'silent',
          },
          timeout: 30_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(run.stdout)).toMatchObject({ webhook: 'set', botProfile: ['en', 'ko'] });
    expect(profileCalls()).toEqual(expectedProfile);
    expect(telegram.calls.every((call) => call.token === TOKEN)).toBe(true);
  });

  describe('at the api’s start', () => {
    let database: TestDatabase;
    let queue: JobQueue;
    const queues = testQueueNames(1000);
    const config = (env: Record<string, string | undefined>) =>
      testConfig({
        DATABASE_URL: database.url,
        RABBITMQ_URL: TEST_RABBITMQ_URL,
        QUEUE_PREFIX: queues.prefix,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_SECRET_TOKEN: 'profile_secret',
        TELEGRAM_API_ROOT: telegram.apiRoot,
        ...env,
      });

    beforeAll(async () => {
      database = await createTestDatabase();
      queue = await connectQueue(config({}), testLogger(), 'api');
    });
    afterAll(async () => {
      await queue?.close();
      await queues.delete();
      await database?.drop();
    });

    it('long polling sets the same profile when it starts', async () => {
      telegram.calls.length = 0;
      const api = await startApi(config({ WEBHOOK_URL: undefined }), { db: database.db, queue, log: testLogger() });
      try {
        await until(() => profileCalls().length === expectedProfile.length, 30_000);
        expect(profileCalls()).toEqual(expectedProfile);
      } finally {
        await api.close();
      }
    });

    it('a webhook deployment leaves the profile to `ops webhook set`', async () => {
      telegram.calls.length = 0;
      const api = await startApi(config({}), { db: database.db, queue, log: testLogger() });
      try {
        // The commands are registered at every start; by then a profile call would have been made too.
        await until(() => telegram.calls.filter((call) => call.method === 'setMyCommands').length === 2, 30_000);
        expect(profileCalls()).toEqual([]);
      } finally {
        await api.close();
      }
    });
  });
});
