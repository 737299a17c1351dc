import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverFinalMessage } from '../../../shared/jobs/deliver-final-message.ts';
import { startFakeTelegram } from '../../support/fake-telegram.ts';
import { testLogger } from '../../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let api: Api;
let nextChat = 8100;

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = await startFakeTelegram();
  api = new Api('123:result-test', { apiRoot: telegram.apiRoot });
});
afterAll(async () => {
  await telegram?.close();
  await database?.drop();
});

/** A site with two versions whose second was just published by a revision job, from a model that put markup in its title. */
async function revisedSite(languageCode: string | null = null) {
  const chatId = nextChat++;
  const previewId = `${'k'.repeat(25)}${'abcdefgh'[chatId % 8]}`;
  const insertJob = (kind: 'create' | 'revise', version: number) =>
    database.db
      .insertInto('jobs')
      .values({
        chat_id: chatId,
        prompt: 'a site',
        status: 'done',
        kind,
        preview_id: previewId,
        version,
        language_code: languageCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const first = await insertJob('create', 1);
  await database.db
    .insertInto('previews')
    .values({
      id: previewId,
      job_id: first.id,
      title: 'Tom & Jerry <b>Diner</b>',
      expires_at: new Date(Date.now() + 86_400_000),
      latest_version: 2,
    })
    .execute();
  const second = await insertJob('revise', 2);
  await database.db
    .insertInto('preview_versions')
    .values([
      { preview_id: previewId, version: 1, job_id: first.id, title: 'Tom & Jerry <b>Diner</b>', summary: 'v1' },
      {
        preview_id: previewId,
        version: 2,
        job_id: second.id,
        title: 'Tom & Jerry <b>Diner</b>',
        summary: 'Now with <script>alert(1)</script> & pie',
      },
    ])
    .execute();
  return { chatId, previewId, jobId: second.id };
}

const sentTo = (chatId: number) =>
  telegram.calls.find((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId)!.payload;

describe('the result message', () => {
  it('escapes what the model wrote, lists the versions and offers Open (https), Regenerate, Download, Restore and Delete', async () => {
    const { chatId, previewId, jobId } = await revisedSite();
    await deliverFinalMessage(
      { telegram: api, db: database.db, previewBaseUrl: 'https://preview.example', replyClaimMs: 5000 },
      jobId,
      testLogger(),
    );
    const sent = sentTo(chatId);
    expect(sent.parse_mode).toBe('HTML');
    expect(sent.text).toBe(
      [
        '✅ Version 2 is ready:',
        '<b>Tom &amp; Jerry &lt;b&gt;Diner&lt;/b&gt;</b>',
        `https://preview.example/p/${previewId}/`,
        '',
        'Now with &lt;script&gt;alert(1)&lt;/script&gt; &amp; pie',
        '',
        `Versions: <a href="https://preview.example/p/${previewId}/v/1/">v1</a> · <b>v2</b>`,
        '',
        '<i>Reply to this message to change the site.</i>',
      ].join('\n'),
    );
    expect(sent.reply_markup.inline_keyboard).toEqual([
      [{ text: '🌐 Open', url: `https://preview.example/p/${previewId}/` }],
      [
        { text: '🔁 Regenerate', callback_data: `again:${jobId}` },
        { text: '⬇️ Download .zip', callback_data: `zip:${jobId}` },
      ],
      [{ text: '↩️ Restore v1', callback_data: `restore:${jobId}:1` }],
      [{ text: '🗑 Delete', callback_data: `delete:${jobId}` }],
    ]);
  });

  it('has no Open button for a local preview address (Telegram refuses those), and speaks the job’s language', async () => {
    const { chatId, jobId } = await revisedSite('ko-KR');
    await deliverFinalMessage(
      { telegram: api, db: database.db, previewBaseUrl: 'http://localhost:8001', replyClaimMs: 5000 },
      jobId,
      testLogger(),
    );
    const sent = sentTo(chatId);
    expect(sent.text).toMatch(/^✅ 버전 2이\(가\) 준비되었습니다:/);
    expect(sent.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual([
      '🔁 다시 만들기',
      '⬇️ .zip 다운로드',
      '↩️ v1 되돌리기',
      '🗑 삭제',
    ]);
  });
});
