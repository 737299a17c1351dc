import { InlineKeyboard } from 'grammy';
import type { Job } from '../db/schema.ts';
import { buttonData } from './buttons.ts';
import type { Words } from './words/index.ts';

/** Restore buttons for at most this many earlier versions (the newest ones). */
const RESTORE_BUTTONS = 4;

/**
 * The buttons under a result (the worker sends them; the api puts them back when a 🗑 Delete is
 * answered No): Open · Regenerate · Download, restore buttons for the newest earlier versions,
 * then Delete. Telegram refuses URL buttons to local addresses (http://localhost…), so Open needs
 * a public https link. `versions`: every version the site has, oldest first.
 */
export function resultKeyboard(
  words: Words,
  job: Pick<Job, 'id' | 'kind' | 'version'>,
  url: string,
  versions: readonly number[],
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (url.startsWith('https://')) keyboard.url(words.buttons.open, url).row();
  if (job.kind !== 'restore') keyboard.text(words.buttons.regenerate, buttonData({ action: 'again', jobId: job.id }));
  keyboard.text(words.buttons.download, buttonData({ action: 'zip', jobId: job.id }));
  const earlier = versions.filter((version) => version !== job.version).slice(-RESTORE_BUTTONS);
  if (earlier.length > 0) keyboard.row();
  for (const version of earlier)
    keyboard.text(words.buttons.restore(version), buttonData({ action: 'restore', jobId: job.id, version }));
  return keyboard.row().text(words.buttons.delete, buttonData({ action: 'delete', jobId: job.id }));
}

/** What a 🗑 Delete tap turns the result's keyboard into: a second, explicit step before anything is deleted. */
export function confirmDeleteKeyboard(words: Words, jobId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(words.buttons.deleteForGood, buttonData({ action: 'confirmDelete', jobId }))
    .row()
    .text(words.buttons.keep, buttonData({ action: 'keep', jobId }));
}
