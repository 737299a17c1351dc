import { InputFile } from 'grammy';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalChat } from '../../api/local-chat/local-chat.ts';
import { LOCAL_USER } from '../../api/local-chat/local-updates.ts';
import { en } from '../../shared/telegram/words/en.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';
import { CHROMIUM_PATH, skipWithoutChromium } from '../support/chromium.ts';

const PREVIEW_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox";

const localChat = new LocalChat();
let system: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What the chat page reported: script errors, CSP or Trusted Types violations, dialogs. */
let problems: string[];

const noChromium = skipWithoutChromium('tests/local/chat-page-in-chromium');
beforeAll(async () => {
  if (noChromium) return;
  // No bot token: the api serves the chat page, and the bot's Bot API calls land in `localChat`.
  system = await startSystem({ TELEGRAM_BOT_TOKEN: '', TELEGRAM_SECRET_TOKEN: '' }, { localChat });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

beforeEach(async () => {
  problems = [];
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium reports the on* attributes of hostile bot HTML as the inert parser meets them (the CSP
    // blocks them there; nothing runs: a handler that ran would show as a dialog). Anything else counts.
    const text = message.text();
    if (/Content Security Policy|Trusted Type/i.test(text) && !text.startsWith('Executing inline event handler'))
      problems.push(`console: ${text}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${system.apiUrl}/chat`);
});
afterEach(async () => {
  await context?.close();
});

/** What the bot would send through the Bot API, straight into this process's conversation. */
const botSends = (method: string, payload: Record<string, unknown>) =>
  localChat.answer(method, { chat_id: LOCAL_USER.id, ...payload });

describe('the local chat page in Chromium', () => {
  it('a request typed on the page gets an answer with a link, which opens the preview under its CSP', async () => {
    await page.getByRole('textbox', { name: 'Message' }).fill('a landing page for a coffee shop');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.message.user', { hasText: 'a landing page for a coffee shop' }).waitFor();

    // However the answer carries it (text, a link in it, a URL button), it is a link to the preview origin.
    const link = page.locator(`#conversation a[href^="${system.previewUrl}/"]`).first();
    await link.waitFor({ timeout: 30_000 });
    const href = (await link.getAttribute('href'))!;
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    const responses: Response[] = [];
    context.on('response', (response) => void responses.push(response));
    const [preview] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await preview.waitForLoadState('load');
    expect(preview.url()).toBe(href);
    await expect.poll(() => preview.locator('h1').textContent()).toMatch(/coffee shop/i);
    expect(await preview.locator('h1').isVisible()).toBe(true);
    const served = responses.find((response) => response.url() === href)!;
    expect(served.status()).toBe(200);
    expect(served.headers()['content-security-policy']).toBe(PREVIEW_CSP);
    expect(problems).toEqual([]);
  });

  it("shows the bot's Telegram HTML with its formatting, and nothing in it runs or loads", async () => {
    const fetched: string[] = [];
    page.on(
      'request',
      (request) => void (request.url().startsWith('http://127.0.0.1:9/') && fetched.push(request.url())),
    );
    await botSends('sendMessage', {
      parse_mode: 'HTML',
      text:
        '<b>bold</b> <i>italic</i> <code>code</code> <a href="https://example.com/menu">menu</a> <tg-spoiler>secret</tg-spoiler> ' +
        '<a href="javascript:alert(1)">js link</a> <img src="http://127.0.0.1:9/x.png" onerror="alert(2)"> <script>alert(3)</script> ' +
        '<b onclick="alert(4)">hover</b> <iframe src="http://127.0.0.1:9/"></iframe> see http://127.0.0.1:9/plain.',
    });
    const bubble = page.locator('.message.bot', { hasText: 'bold' }).last();
    await bubble.waitFor();

    const text = bubble.locator('.text');
    expect(await text.locator('b').first().textContent()).toBe('bold');
    expect(await text.locator('i').textContent()).toBe('italic');
    expect(await text.locator('code').textContent()).toBe('code');
    expect(await text.locator('.spoiler').textContent()).toBe('secret');
    expect(await text.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      'https://example.com/menu',
      'http://127.0.0.1:9/plain',
    ]);
    expect(await text.locator('img, iframe, script, [onclick], [onerror]').count()).toBe(0);
    expect(await text.textContent()).toContain('js link');
    await text.locator('b', { hasText: 'hover' }).click();
    expect(problems).toEqual([]);
    expect(fetched).toEqual([]);
  });

  it('shows edits and deletions, offers sent files for download, and sends a pressed button back through the webhook', async () => {
    const sent = (await botSends('sendMessage', {
      text: 'Working…',
      reply_markup: { inline_keyboard: [[{ text: 'Press me', callback_data: 'chat-page-test' }]] },
    })) as { message_id: number };
    const bubble = page.locator('.message.bot', { hasText: 'Working…' });
    await bubble.waitFor();

    await page.getByRole('button', { name: 'Press me' }).click();
    await until(async () => {
      const rows = await system.db.selectFrom('updates').select('kind').where('kind', '=', 'callback_query').execute();
      return rows.length > 0;
    });
    // The bot knows no such button, and says so in an alert, which the user closes.
    const alert = page.getByRole('alertdialog');
    await alert.getByText(en.staleButton()).waitFor();
    await alert.getByRole('button', { name: 'OK' }).click();

    await botSends('editMessageText', { message_id: sent.message_id, text: 'Done.' });
    await page.locator('.message.bot', { hasText: 'Done.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Press me' }).count()).toBe(0);

    await botSends('sendDocument', { document: new InputFile(Buffer.from('zip bytes'), 'coffee-shop.zip') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a.file', { hasText: 'coffee-shop.zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('coffee-shop.zip');

    await botSends('deleteMessage', { message_id: sent.message_id });
    await page.locator('.message.bot', { hasText: 'Done.' }).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('marks a message "edited" when its text changes but not when only its buttons do, and a reply quoting it follows the edit', async () => {
    const status = (await botSends('sendMessage', {
      text: 'Edit test: writing',
      reply_markup: { inline_keyboard: [[{ text: 'Cancel', callback_data: 'edit-test' }]] },
    })) as { message_id: number };
    await botSends('sendMessage', { text: 'Edit test reply', reply_parameters: { message_id: status.message_id } });
    const bubble = page.locator('.message.bot', { hasText: 'Edit test: writing' });
    const quote = page.locator('.message.bot', { hasText: 'Edit test reply' }).locator('.quote');
    await expect.poll(() => quote.textContent()).toBe('Edit test: writing');

    await botSends('editMessageReplyMarkup', {
      message_id: status.message_id,
      reply_markup: { inline_keyboard: [[{ text: 'Stop', callback_data: 'edit-test' }]] },
    });
    await bubble.getByRole('button', { name: 'Stop' }).waitFor();
    expect(await bubble.locator('.edited').count()).toBe(0);

    await botSends('editMessageText', { message_id: status.message_id, text: 'Edit test: publishing' });
    const edited = page.locator('.message.bot', { hasText: 'Edit test: publishing' });
    await edited.locator('.edited', { hasText: 'edited' }).waitFor();
    // Telegram drops the buttons of an edit that sends none.
    expect(await edited.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    await expect.poll(() => quote.textContent()).toBe('Edit test: publishing');
    expect(problems).toEqual([]);
  });

  it('takes a deleted message away, and a reply quoting it then quotes "Deleted message", as Telegram does', async () => {
    const status = (await botSends('sendMessage', { text: 'Deletion test status' })) as {
      message_id: number;
    };
    await botSends('sendMessage', { text: 'Deletion test reply', reply_parameters: { message_id: status.message_id } });
    const quote = page.locator('.message.bot', { hasText: 'Deletion test reply' }).locator('.quote');
    await expect.poll(() => quote.textContent()).toBe('Deletion test status');

    await botSends('deleteMessage', { message_id: status.message_id });
    // The status's own bubble (the reply's bubble quotes its text until the quote changes too).
    const statusBubble = page.locator('.message.bot', {
      hasText: 'Deletion test status',
      hasNot: page.locator('.quote'),
    });
    await statusBubble.waitFor({ state: 'detached' });
    await expect.poll(() => quote.textContent()).toBe('Deleted message');
    // And it stays gone: Telegram refuses to edit a deleted message, so nothing can bring it back.
    await expect(botSends('editMessageText', { message_id: status.message_id, text: 'back?' })).rejects.toThrow(
      'message to edit not found',
    );
    await page.reload();
    await page.locator('.message.bot', { hasText: 'Deletion test reply' }).waitFor();
    expect(await page.locator('.message.bot', { hasText: 'Deletion test status' }).count()).toBe(0);
    expect(await page.locator('.message.bot', { hasText: 'back?' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows a pressed button waiting until the bot answers, and the answer for a moment, or in a box to close when it is an alert', async () => {
    await botSends('sendMessage', {
      text: 'Press test site',
      reply_markup: { inline_keyboard: [[{ text: 'Hold me', callback_data: 'press-test' }]] },
    });
    const button = page.getByRole('button', { name: 'Hold me' });
    await button.waitFor();
    // Hold the press on its way to the webhook, to look at the button meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/chat/button-presses', async (route) => {
      await held;
      await route.continue();
    });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-busy')).toBe('true');
    expect(await button.isDisabled()).toBe(true);
    release();
    await expect.poll(() => button.getAttribute('aria-busy')).toBe(null);
    expect(await button.isDisabled()).toBe(false);

    await botSends('answerCallbackQuery', { callback_query_id: `${LOCAL_USER.id}:1`, text: 'Packing your site…' });
    const toast = page.getByRole('status').filter({ hasText: 'Packing your site…' });
    await toast.waitFor();
    await toast.waitFor({ state: 'hidden' });
    expect(await page.locator('#conversation', { hasText: 'Packing your site…' }).count()).toBe(0);

    await botSends('answerCallbackQuery', {
      callback_query_id: `${LOCAL_USER.id}:2`,
      text: 'Only the author of this site can change it.',
      show_alert: true,
    });
    const alert = page.getByRole('alertdialog');
    await alert.getByText('Only the author of this site can change it.').waitFor();
    await alert.getByRole('button', { name: 'OK' }).click();
    await alert.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });
});
