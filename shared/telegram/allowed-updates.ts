/**
 * The update types the bot asks Telegram for, by long polling (`getUpdates`) or webhook
 * (`setWebhook`): messages and their edits, button presses, the bot's own membership (a user
 * blocking it, being added to a group) and channel posts (accepted and ignored: the bot works
 * in chats). Telegram
 * never sends anything else, so a type missing here is silently never handled.
 */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
  'channel_post',
] as const;
