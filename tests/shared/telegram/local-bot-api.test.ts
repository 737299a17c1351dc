import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createTelegramApi } from '../../../shared/telegram/index.ts';
import { testConfig } from '../../support/test-config.ts';

/** A logger whose lines the test can read. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('a role without a bot token and without the chat page (stand-in answers)', () => {
  it('gets a fresh message id for each message it sends, the same id back for an edit, and logs what the chat would show', async () => {
    const { log, lines } = recordingLogger();
    const api = createTelegramApi(testConfig({ TELEGRAM_BOT_TOKEN: '' }), log);

    const first = await api.sendMessage(7, 'Working…');
    const second = await api.sendMessage(7, 'Done');
    const edited = await api.editMessageText(7, first.message_id, 'Still working…');

    expect(second.message_id).toBeGreaterThan(first.message_id);
    expect(edited).toMatchObject({ message_id: first.message_id, chat: { id: 7 }, text: 'Still working…' });
    expect(await api.sendChatAction(7, 'typing')).toBe(true);
    expect(lines.filter((line) => line.msg === 'chat message (local mode: no TELEGRAM_BOT_TOKEN)')).toEqual([
      expect.objectContaining({ method: 'sendMessage', chatId: 7, text: 'Working…' }),
      expect.objectContaining({ method: 'sendMessage', chatId: 7, text: 'Done' }),
      expect.objectContaining({ method: 'editMessageText', chatId: 7, text: 'Still working…' }),
    ]);
  });
});
