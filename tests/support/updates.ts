let nextUpdateId = Math.floor(Math.random() * 1e9);

/** A realistic private-chat text message update, with a fresh update_id unless one is given. */
export function textUpdate(text: string, options: { chatId?: number; updateId?: number } = {}) {
  const chatId = options.chatId ?? 1000 + Math.floor(Math.random() * 1e6);
  return {
    update_id: options.updateId ?? nextUpdateId++,
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Ada' },
      from: { id: chatId, is_bot: false, first_name: 'Ada', language_code: 'en' },
      text,
      // Telegram marks a leading /command with an entity; grammY's command matching relies on it.
      ...(text.startsWith('/')
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] }
        : {}),
    },
  };
}

export function stickerUpdate(options: { chatId?: number } = {}) {
  const base = textUpdate('', options);
  const { text: _text, ...message } = base.message;
  return {
    ...base,
    message: {
      ...message,
      sticker: {
        file_id: 'x',
        file_unique_id: 'y',
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    },
  };
}
