import { Api, InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { LocalChat, type ChatChange, type ChatEvent } from '../../api/local-chat/local-chat.ts';
import { answerLocally } from '../../shared/telegram/local-bot-api.ts';
import { testLogger } from '../support/test-config.ts';

const CHAT = 7;

/** An event without its number, which depends on what ran before. */
const unnumbered = (event: ChatEvent): ChatChange => {
  const change: Partial<ChatEvent> = { ...event };
  delete change.seq;
  return change as ChatChange;
};

/** A Bot API client as the bot and the worker get it without a token, recording into its own conversation. */
function localApi() {
  const chat = new LocalChat();
  const api = new Api('0:local');
  api.config.use(answerLocally(testLogger(), chat));
  return { chat, api, events: () => chat.eventsAfter(CHAT, 0).events };
}

describe('local chat: Bot API calls answered in-process and recorded as a conversation', () => {
  it('a sent message gets a real message id and shows with its text, parse mode and buttons', async () => {
    const { api, events } = localApi();
    const sent = await api.sendMessage(CHAT, '<b>Ready</b>', {
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Open', url: 'http://127.0.0.1:8001/p/x/' },
            { text: 'Again', callback_data: 'again:1' },
          ],
        ],
      },
    });
    expect(sent.message_id).toEqual(expect.any(Number));
    expect(events()).toEqual([
      {
        seq: 1,
        kind: 'message',
        messageId: sent.message_id,
        from: 'bot',
        text: '<b>Ready</b>',
        html: true,
        buttons: [
          [
            { text: 'Open', url: 'http://127.0.0.1:8001/p/x/' },
            { text: 'Again', callbackData: 'again:1' },
          ],
        ],
      },
    ]);
  });

  it('an edit replaces the text and, like Telegram, drops buttons it does not repeat; a deletion removes the message', async () => {
    const { chat, api, events } = localApi();
    const sent = await api.sendMessage(CHAT, 'Working…', {
      reply_markup: { inline_keyboard: [[{ text: 'Stop', callback_data: 'stop' }]] },
    });
    const edited = await api.editMessageText(CHAT, sent.message_id, 'Publishing…');
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'Publishing…' });
    expect(chat.message(CHAT, sent.message_id)).toMatchObject({ text: 'Publishing…' });
    expect(chat.message(CHAT, sent.message_id)).not.toHaveProperty('reply_markup');

    await api.deleteMessage(CHAT, sent.message_id);
    expect(chat.message(CHAT, sent.message_id)).toBeUndefined();
    expect(events().map(unnumbered)).toEqual([
      expect.objectContaining({ kind: 'message', messageId: sent.message_id }),
      { kind: 'edit', messageId: sent.message_id, text: 'Publishing…', html: false, buttons: [] },
      { kind: 'delete', messageIds: [sent.message_id] },
    ]);
  });

  it('keeps the bytes of an uploaded document for download, but never fetches a file given by URL', async () => {
    const { chat, api, events } = localApi();
    await api.sendDocument(CHAT, new InputFile(Buffer.from('PK zip bytes'), 'coffee-shop.zip'), {
      caption: 'Your site',
    });
    await api.sendDocument(CHAT, new InputFile(new URL('http://127.0.0.1:9/never-fetched.zip')));
    const [uploaded, linked] = events();
    expect(uploaded).toMatchObject({
      kind: 'message',
      text: 'Your site',
      attachment: { name: 'coffee-shop.zip', size: 12 },
    });
    const id = uploaded?.kind === 'message' ? uploaded.attachment?.id : undefined;
    expect(Buffer.from(chat.file(id!)!.bytes).toString()).toBe('PK zip bytes');
    expect(linked).toMatchObject({ kind: 'message', attachment: { name: 'never-fetched.zip' } });
    expect(linked?.kind === 'message' && linked.attachment?.id).toBeFalsy();
  });

  it("shows typing, and a button press's answer in the chat the press came from", async () => {
    const { chat, api, events } = localApi();
    await api.sendChatAction(CHAT, 'typing');
    await api.answerCallbackQuery(chat.newCallbackQueryId(CHAT), { text: 'Packing your site…' });
    await api.answerCallbackQuery(chat.newCallbackQueryId(CHAT), {
      text: 'Only the author may change it',
      show_alert: true,
    });
    await api.answerCallbackQuery(chat.newCallbackQueryId(CHAT + 1), { text: 'elsewhere' });
    expect(events().map(unnumbered)).toEqual([
      { kind: 'typing' },
      { kind: 'notice', text: 'Packing your site…', alert: false, at: expect.any(Number) as number },
      { kind: 'notice', text: 'Only the author may change it', alert: true, at: expect.any(Number) as number },
    ]);
  });

  it('refuses, as Telegram does, to edit or delete a message that was deleted; deleting several skips those', async () => {
    const { api, events } = localApi();
    const first = await api.sendMessage(CHAT, 'Working…');
    const second = await api.sendMessage(CHAT, 'Still here');
    await api.deleteMessage(CHAT, first.message_id);

    await expect(api.editMessageText(CHAT, first.message_id, 'Done')).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: message to edit not found',
    });
    await expect(api.deleteMessage(CHAT, first.message_id)).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: message to delete not found',
    });
    expect(await api.deleteMessages(CHAT, [first.message_id, second.message_id])).toBe(true);
    expect(
      events()
        .filter((event) => event.kind !== 'message')
        .map(unnumbered),
    ).toEqual([
      { kind: 'delete', messageIds: [first.message_id] },
      { kind: 'delete', messageIds: [second.message_id] },
    ]);
  });

  it('a page waiting for news gets the next event of its chat, and only its chat', async () => {
    const { chat, api } = localApi();
    await api.sendMessage(CHAT + 1, 'another chat');
    const { last } = chat.eventsAfter(CHAT, 0);
    const waiting = chat.waitForEvents(CHAT, last, 60_000, new AbortController().signal);
    await api.sendMessage(CHAT, 'hello');
    const news = await waiting;
    expect(news.events).toEqual([expect.objectContaining({ kind: 'message', text: 'hello' })]);
    expect(chat.eventsAfter(CHAT, news.last).events).toEqual([]);
  });
});
