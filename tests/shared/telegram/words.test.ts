import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/telegram/words/en.ts';
import { languages, wordsFor } from '../../../shared/telegram/words/index.ts';

/** Every key path of a words object (functions and strings are leaves; arrays count by length). */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value))
    return [`${prefix}[${value.length}]`, ...value.flatMap((item, i) => shape(item, `${prefix}[${i}]`))];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => shape(item, `${prefix}.${key}`));
  return [`${prefix}:${typeof value}`];
}

describe('the bot’s words', () => {
  it('every language has exactly the keys English has, and the same commands', () => {
    for (const [code, words] of Object.entries(languages)) {
      expect(shape(words), code).toEqual(shape(en));
      expect(
        words.commands.map((c) => c.command),
        code,
      ).toEqual(en.commands.map((c) => c.command));
    }
  });

  it('picks the language of the Telegram client, English when there is no translation', () => {
    expect(wordsFor('ko')).toBe(languages.ko);
    expect(wordsFor('ko-KR')).toBe(languages.ko);
    expect(wordsFor('pt-BR')).toBe(en);
    expect(wordsFor(null)).toBe(en);
  });

  it('progress escapes the model’s section names and names at most six of them', () => {
    const sections = ['<b>Menu</b>', 'Hours & map', 'C', 'D', 'E', 'F', 'G', 'H'];
    expect(en.status.progress(30 * 1024, sections)).toBe(
      '⚙️ Writing your site… 30 KB written, sections so far: &lt;b&gt;Menu&lt;/b&gt;, Hours &amp; map, C, D, E, F and 2 more',
    );
    expect(languages.ko!.status.progress(1024, sections.slice(0, 2))).toBe(
      '⚙️ 사이트를 작성하고 있습니다… 1 KB 작성, 지금까지 섹션: &lt;b&gt;Menu&lt;/b&gt;, Hours &amp; map',
    );
  });

  it('cancel and /sites escape what users and models wrote', () => {
    expect(en.cancel.stopped('<i>my</i> & "site"')).toBe(
      '⏹ Stopped: <i>&lt;i&gt;my&lt;/i&gt; &amp; &quot;site&quot;</i>',
    );
    expect(
      en.sites.page([{ title: 'A<b>', url: 'https://p.example/p/x/?a="b"', version: 2, ageDays: 1 }], 1, 1, false),
    ).toBe('<b>Your sites</b>\n\n• <a href="https://p.example/p/x/?a=&quot;b&quot;">A&lt;b&gt;</a> — v2, 1 day ago');
  });
});
