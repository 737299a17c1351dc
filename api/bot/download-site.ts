import { InputFile } from 'grammy';
import { zipVersion } from '../../shared/previews/index.ts';
import type { Words } from '../../shared/telegram/words/index.ts';
import type { BotDeps } from './context.ts';

/** Sends one version of a site as a .zip document (read from the preview storage). */
export async function sendSiteZip(
  deps: BotDeps,
  chatId: number,
  site: { previewId: string; version: number; title: string },
  words: Words,
): Promise<void> {
  const zip = await zipVersion(deps.preview.storage, site.previewId, site.version);
  const name = `${slug(site.title)}-v${site.version}.zip`;
  await deps.telegram.sendDocument(chatId, new InputFile(zip, name), {
    caption: words.download.caption(site.title, site.version),
    parse_mode: 'HTML',
  });
}

/** "Café Lisboa!" → "cafe-lisboa": a file name anyone's system accepts. */
function slug(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return (
    ascii
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'site'
  );
}
