import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT, siteLinkOf } from '../support/conversation.ts';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

const site = (header: string) => ({
  body: chatCompletion(
    JSON.stringify({
      title: 'Crumb & Co Bakery',
      summary: `Bread, pastries and a ${header} header.`,
      files: [
        {
          path: 'index.html',
          content: `<!DOCTYPE html><html><head><title>Crumb</title><link rel="stylesheet" href="styles.css"></head><body><header class="${header}"><h1>Crumb &amp; Co</h1><p>The ${header} header</p></header><main><h2>Our bread</h2></main></body></html>`,
        },
        { path: 'styles.css', content: `header.${header}{background:${header === 'light' ? '#fff' : '#003'}}` },
      ],
    }),
  ),
});

let system: TestSystem;
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi();
  system = await startSystem({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-revisions', AI_BASE_URL: ai.baseUrl });
});
afterAll(async () => {
  await system?.close();
  await ai?.close();
});

const page = async (url: string) => (await fetch(url)).text();

describe('revisions by reply, restore and download', () => {
  it('a reply revises the site from its version; each version keeps its own address; restore brings one back without the provider; download sends the zip', async () => {
    const ada = person(system);
    ai.enqueue(site('light'));
    await ada.say('a landing page for a bakery');
    const first = await ada.waitForMessage(RESULT);
    const { url, previewId } = siteLinkOf(first);
    expect(await page(url)).toContain('The light header');

    // Revision: the provider sees the current bundle and the change.
    ai.enqueue(site('dark'));
    await ada.say('make the header dark blue', { replyTo: first });
    const second = await ada.waitForMessage(/Version 2 is ready/);
    const prompt = JSON.stringify(ai.requests.at(-1)!.body);
    expect(prompt).toContain('make the header dark blue');
    expect(prompt).toContain('The light header');
    expect(siteLinkOf(second)).toEqual({ url, previewId });
    expect(second.text).toContain(`Versions: <a href="${url}v/1/">v1</a> · <b>v2</b>`);
    expect(second.buttons.flat().map((b) => b.text)).toEqual([
      '🔁 Regenerate',
      '⬇️ Download .zip',
      '↩️ Restore v1',
      '🗑 Delete',
    ]);
    // The site's address shows the newest version (within a second: the preview server reads a
    // preview's state again at least that often); each version stays at its own.
    await until(async () => (await page(url)).includes('The dark header'));
    expect(await page(`${url}v/2/`)).toContain('The dark header');
    expect(await page(`${url}v/1/`)).toContain('The light header');
    const revision = await system.db
      .selectFrom('jobs')
      .selectAll()
      .where('chat_id', '=', ada.chatId)
      .where('kind', '=', 'revise')
      .executeTakeFirstOrThrow();
    expect(revision).toMatchObject({ status: 'done', preview_id: previewId, base_version: 1, version: 2 });

    // Restore v1: a third version, a copy of the first, with no provider call and no tokens.
    const providerCalls = ai.requests.length;
    await ada.tap(second, '↩️ Restore v1');
    const third = await ada.waitForMessage(/Version 1 is back, as version 3/);
    expect(ai.requests.length).toBe(providerCalls);
    await until(async () => (await page(url)).includes('The light header'));
    expect(await page(`${url}v/3/`)).toBe(await page(`${url}v/1/`));
    const restore = await system.db
      .selectFrom('jobs')
      .selectAll()
      .where('chat_id', '=', ada.chatId)
      .where('kind', '=', 'restore')
      .executeTakeFirstOrThrow();
    expect(restore).toMatchObject({ status: 'done', version: 3, base_version: 1 });
    expect(
      await system.db.selectFrom('job_attempts').select('id').where('job_id', '=', restore.id).execute(),
    ).toHaveLength(0);
    expect(third.buttons.flat().map((b) => b.text)).toEqual([
      '⬇️ Download .zip',
      '↩️ Restore v1',
      '↩️ Restore v2',
      '🗑 Delete',
    ]);
    expect(third.text).toContain('Versions:');

    // Download: the version's files as a .zip document.
    await ada.tap(third, '⬇️ Download .zip');
    const document = await ada.waitForMessage(/Crumb &amp; Co Bakery<\/b>, version 3/);
    expect(document.document!.name).toBe('crumb-co-bakery-v3.zip');
    const files = unzipSync(new Uint8Array(document.document!.bytes));
    const indexPath = Object.keys(files).find((name) => name.endsWith('index.html'))!;
    expect(Buffer.from(files[indexPath]!).toString('utf8')).toBe(await page(`${url}v/3/`));
  });

  it('regenerate asks the same request again and publishes it as the next version of the same site', async () => {
    const ada = person(system);
    ai.enqueue(site('light'));
    await ada.say('a landing page for a bakery');
    const first = await ada.waitForMessage(RESULT);
    ai.enqueue(site('dark'));
    await ada.tap(first, '🔁 Regenerate');
    const second = await ada.waitForMessage(/Version 2 is ready/);
    expect(siteLinkOf(second).previewId).toBe(siteLinkOf(first).previewId);
    // A fresh take: the provider got the original request, not the previous site.
    expect(JSON.stringify(ai.requests.at(-1)!.body)).not.toContain('current site as a JSON bundle');
  });
});
