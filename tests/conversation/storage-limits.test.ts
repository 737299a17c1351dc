import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle.ts';
import { storageLimitsOf, sweepPreviews } from '../../shared/previews/index.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';
import { person, RESULT, siteLinkOf, versionsOf } from '../support/conversation.ts';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

/**
 * Storage that only grows (issue 14, point 5), attacked through the real services: a member tapping
 * Restore again and again, a user filling the storage, and data stored before the limits existed.
 * Small limits so the attack is short: 3 versions per site, 4 restores and regenerations per hour,
 * 1 MiB per user.
 */
const MAX_VERSIONS = 3;
const RESTORES_PER_HOUR = 4;
const MIB = 1024 * 1024;
const LIVE_ALONE_USER = 1003;

let system: TestSystem;
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi();
  system = await startSystem({
    AI_PROVIDER: 'openai',
    AI_API_KEY: 'sk-test-storage-limits',
    AI_BASE_URL: ai.baseUrl,
    PREVIEW_MAX_VERSIONS: String(MAX_VERSIONS),
    QUOTA_RESTORES_PER_HOUR: String(RESTORES_PER_HOUR),
    QUOTA_STORAGE_MB: '1',
    // One job at a time, as in the attack: each tap waits for the previous restore to finish.
    QUOTA_RUNNING_JOBS: '1',
  });
});
afterAll(async () => {
  await system?.close();
  await ai?.close();
});

/** A valid site of about `kb` KB: one page of plain paragraphs. */
function bigSite(title: string, kb: number): Bundle {
  const paragraph = `<p>${title} sells fresh bread every morning, baked in a wood oven since 1952.</p>`;
  const body = paragraph.repeat(Math.ceil((kb * 1024) / paragraph.length));
  return {
    title,
    summary: `${title}, at length.`,
    files: [
      {
        path: 'index.html',
        content: `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`,
      },
    ],
  };
}
const answer = (bundle: Bundle) => ({ body: chatCompletion(JSON.stringify(bundle)) });

const storedVersions = async (previewId: string) =>
  (await system.storage.listVersions(previewId)).map((v) => v.version);
const jobsOf = async (chatId: number) =>
  system.db.selectFrom('jobs').select(['id', 'status', 'user_error']).where('chat_id', '=', chatId).execute();
const alerts = () =>
  system.telegram.calls.filter((c) => c.method === 'answerCallbackQuery' && c.payload.show_alert === true);

describe('storage that only grows', () => {
  it('tapping Restore again and again: a polite alert past QUOTA_RESTORES_PER_HOUR, and never more than PREVIEW_MAX_VERSIONS versions in rows or storage', async () => {
    const ada = person(system);
    await ada.say('a landing page for a bakery');
    const first = await ada.waitForNth(RESULT, 1);
    const { previewId } = siteLinkOf(first);
    let result = first;

    // A regeneration counts against the same limit as restores.
    await ada.tap(result, '🔁 Regenerate');
    result = await ada.waitForNth(RESULT, 2);
    for (let restore = 1; restore < RESTORES_PER_HOUR; restore++) {
      await ada.tap(result, /Restore v/);
      result = await ada.waitForNth(RESULT, 2 + restore);
      expect((await versionsOf(system, previewId)).length).toBeLessThanOrEqual(MAX_VERSIONS);
      expect((await storedVersions(previewId)).length).toBeLessThanOrEqual(MAX_VERSIONS);
    }
    // Five versions were published; the oldest two are gone, the live one (5) stays.
    expect(await versionsOf(system, previewId)).toEqual([3, 4, 5]);
    expect(await storedVersions(previewId)).toEqual([3, 4, 5]);
    expect(result.buttons.flat().map((b) => b.text)).toEqual([
      '⬇️ Download .zip',
      '↩️ Restore v3',
      '↩️ Restore v4',
      '🗑 Delete',
    ]);
    expect(await fetch(`${siteLinkOf(result).url}v/1/`).then((r) => r.status)).not.toBe(200);

    const jobsBefore = (await jobsOf(ada.chatId)).length;
    const alertsBefore = alerts().length;
    await ada.tap(result, /Restore v/);
    await until(() => alerts().length > alertsBefore);
    expect(String(alerts().at(-1)!.payload.text)).toMatch(
      /You have restored or regenerated sites 4 times in the last hour, the most I allow per hour\. You can do it again in (59|60) minutes\./,
    );
    await ada.tap(first, '🔁 Regenerate');
    await until(() => alerts().length > alertsBefore + 1);
    expect((await jobsOf(ada.chatId)).length).toBe(jobsBefore);
    expect(await versionsOf(system, previewId)).toEqual([3, 4, 5]);
  });

  it('a site that would pass QUOTA_STORAGE_MB is not published, and the user is told in plain words (in their language) to delete a site', async () => {
    for (const [languageCode, words, usage] of [
      [
        'en',
        /Your sites already take up all the storage one person may use, so this one was not published\. Delete a site/,
        /Storage: your sites hold 0\.6 MB of 1\.0 MB\./,
      ],
      [
        'ko',
        /저장 공간을 모두 차지하고 있어서 이 사이트는 게시하지 않았습니다\. 더 이상 필요 없는 사이트를 삭제해/,
        /저장 공간: 사이트들이 1\.0 MB 중 0\.6 MB를 쓰고 있습니다\./,
      ],
    ] as const) {
      const bea = person(system, { languageCode });
      ai.enqueue(answer(bigSite('First bakery', 600)));
      await bea.say('a long page for my first bakery');
      const first = await bea.waitForMessage(/^✅/);
      const kept = siteLinkOf(first).previewId;
      await bea.say('/usage');
      await bea.waitForMessage(usage);
      const storedBefore = await previewIdsInStorage();

      ai.enqueue(answer(bigSite('Second bakery', 600)));
      await bea.say('a long page for my second bakery');
      const refusal = await bea.waitForMessage(words);
      expect(refusal.text).toMatch(/^❌/);

      // Nothing half-written: no new preview in storage, no row, the first site untouched.
      expect(await previewIdsInStorage()).toEqual(storedBefore);
      const jobs = await jobsOf(bea.chatId);
      expect(jobs.map((j) => [j.status, j.user_error])).toEqual(
        expect.arrayContaining([
          ['done', null],
          ['failed', 'storageFull'],
        ]),
      );
      const sites = await system.db
        .selectFrom('previews')
        .innerJoin('jobs', 'jobs.id', 'previews.job_id')
        .select('previews.id')
        .where('jobs.chat_id', '=', bea.chatId)
        .execute();
      expect(sites.map((s) => s.id)).toEqual([kept]);
      expect(await storedVersions(kept)).toEqual([1]);
    }
  });

  it('the sweep holds data stored before the limits existed to PREVIEW_MAX_VERSIONS and QUOTA_STORAGE_MB, never removing a live version', async () => {
    // As an earlier release left them: many versions, no sizes recorded.
    const crowded = await storeOldSite(1001, 7, () => bigSite('Crowded', 1));
    const heavy = await storeOldSite(1002, 3, (version) => bigSite(`Heavy ${version}`, 450));
    const liveAlone = await storeOldSite(LIVE_ALONE_USER, 1, () => bigSite('Live alone', 1100));

    await sweepPreviews({
      db: system.db,
      storage: system.storage,
      now: new Date(),
      limits: storageLimitsOf(system.config),
    });

    expect(await versionsOf(system, crowded)).toEqual([5, 6, 7]);
    expect(await storedVersions(crowded)).toEqual([5, 6, 7]);
    // 3 × 450 KB is over 1 MiB: the oldest goes, which brings the user under it.
    expect(await versionsOf(system, heavy)).toEqual([2, 3]);
    expect(await storedVersions(heavy)).toEqual([2, 3]);
    // Over the cap with the live version alone: it stays (and new work is refused).
    expect(await versionsOf(system, liveAlone)).toEqual([1]);
    expect(await storedVersions(liveAlone)).toEqual([1]);
    // Sizes were measured on the way.
    const sizes = await system.db
      .selectFrom('preview_versions')
      .select('bytes')
      .where('preview_id', 'in', [crowded, heavy, liveAlone])
      .execute();
    expect(sizes.every((row) => row.bytes !== null && row.bytes > 0)).toBe(true);
    const used = sizes.reduce((sum, row) => sum + row.bytes!, 0);
    expect(used).toBeGreaterThan(MIB);

    // Its owner has no room at all: a new site is refused before the provider is asked.
    const owner = person(system, { userId: LIVE_ALONE_USER });
    const providerCalls = ai.requests.length;
    await owner.say('one more site, please');
    await owner.waitForMessage(/Your sites already take up all the storage one person may use/);
    expect(ai.requests.length).toBe(providerCalls);
  });
});

async function previewIdsInStorage(): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of system.storage.previewIds()) ids.push(...page);
  return ids.sort();
}

/** A site of `userId` with `versions` versions, stored and recorded as before sizes were recorded. */
async function storeOldSite(userId: number, versions: number, site: (version: number) => Bundle): Promise<string> {
  const job = await system.db
    .insertInto('jobs')
    .values({ chat_id: userId, user_id: userId, prompt: 'an old site', status: 'done' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000);
  let previewId: string | undefined;
  for (let version = 1; version <= versions; version++) {
    const bundle = site(version);
    previewId = (await publishVersion(system.storage, bundle, { previewId, expiresAt })).previewId;
    if (version === 1)
      await system.db
        .insertInto('previews')
        .values({ id: previewId, job_id: job.id, title: bundle.title, expires_at: expiresAt })
        .execute();
    await system.db
      .insertInto('preview_versions')
      .values({ preview_id: previewId, version, job_id: job.id, title: bundle.title })
      .execute();
  }
  await system.db.updateTable('previews').set({ latest_version: versions }).where('id', '=', previewId!).execute();
  return previewId!;
}
