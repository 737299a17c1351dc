import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BundleTooBigError, InvalidAnswerError } from '../../../shared/errors.ts';
import { parseAnswer } from '../../../worker/generate/parse-answer.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ai-answers/${name}`, import.meta.url), 'utf8');

function invalidAnswerMessage(text: string): string {
  try {
    parseAnswer(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAnswerError);
    return (error as Error).message;
  }
  return expect.fail('expected an InvalidAnswerError');
}

describe('parseAnswer', () => {
  it('reads a JSON bundle with its title, summary and files', () => {
    const bundle = parseAnswer(fixture('json-bundle.json'));
    expect(bundle.title).toBe('Harbor Lights Café');
    expect(bundle.summary).toMatch(/harbour-side café/);
    expect(bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
  });

  it('reads a JSON bundle wrapped in a ```json fence', () => {
    expect(parseAnswer(fixture('json-in-fence.md'))).toEqual(parseAnswer(fixture('json-bundle.json')));
  });

  it('reads a JSON bundle with a sentence of prose around it', () => {
    const bundle = parseAnswer(`Sure! Here it is:\n${fixture('json-bundle.json')}\nEnjoy.`);
    expect(bundle.title).toBe('Harbor Lights Café');
  });

  it('accepts files as a path → content map and strips a leading ./ from paths', () => {
    const bundle = parseAnswer(
      JSON.stringify({ title: 'Map', files: { './index.html': '<h1>Map</h1>', 'styles.css': 'p{}' } }),
    );
    expect(bundle.files).toEqual([
      { path: 'index.html', content: '<h1>Map</h1>' },
      { path: 'styles.css', content: 'p{}' },
    ]);
  });

  it("keeps each file's base64 encoding, so an image sent as the rules ask is accepted", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
    const bundle = parseAnswer(
      JSON.stringify({
        title: 'Logo',
        files: [
          { path: 'index.html', content: '<img src="logo.png" alt="logo">' },
          { path: 'logo.png', content: png, encoding: 'base64' },
        ],
      }),
    );
    expect(bundle.files[1]).toEqual({ path: 'logo.png', content: png, encoding: 'base64' });
  });

  it('fails for good, not as an invalid answer, when the files add up to more than 2 MiB', () => {
    const half = 'x'.repeat(1.1 * 1024 * 1024);
    const answer = JSON.stringify({
      title: 'Big',
      files: [
        { path: 'index.html', content: half },
        { path: 'notes.txt', content: half },
      ],
    });
    expect(() => parseAnswer(answer)).toThrow(BundleTooBigError);
  });

  it('takes the title from a page nested a hundred thousand elements deep', () => {
    const page = `${'<i>'.repeat(100_000)}<h1>Deep Dive Diving</h1>`;
    expect(parseAnswer(JSON.stringify({ files: [{ path: 'index.html', content: page }] })).title).toBe(
      'Deep Dive Diving',
    );
  });

  it('takes the title from <title> when the JSON has none', () => {
    const bundle = parseAnswer(
      JSON.stringify({ files: [{ path: 'index.html', content: '<title> Tom &amp; Jerry </title><h1>x</h1>' }] }),
    );
    expect(bundle.title).toBe('Tom & Jerry');
  });

  it('reads a fenced html block and a css block as index.html and a linked styles.css', () => {
    const bundle = parseAnswer(fixture('fenced-html-and-css.md'));
    expect(bundle.title).toBe('Ridge Riders MTB Club');
    const index = bundle.files.find((f) => f.path === 'index.html')!;
    expect(index.content).toMatch(/^<!DOCTYPE html>/);
    expect(index.content).toContain('<link rel="stylesheet" href="styles.css">');
    expect(bundle.files.find((f) => f.path === 'styles.css')?.content).toContain('#2f5d34');
  });

  it('reads raw HTML, titled from the first <h1> when there is no <title>', () => {
    const bundle = parseAnswer(fixture('raw-html.html'));
    expect(bundle.title).toBe('Luna & Sol Yoga');
    expect(bundle.files).toHaveLength(1);
  });

  it('falls back to "Your site" when the page has neither <title> nor <h1>', () => {
    expect(parseAnswer('<!doctype html><html><body><p>Hello</p></body></html>').title).toBe('Your site');
  });

  it('rejects prose as neither JSON nor HTML, quoting the start of it', () => {
    expect(invalidAnswerMessage(fixture('garbage.txt'))).toMatch(/neither a JSON bundle nor HTML.*I'm sorry/);
  });

  it('rejects an empty answer', () => {
    expect(invalidAnswerMessage('  \n ')).toMatch(/empty/);
  });

  it('rejects JSON that was cut short, saying it does not parse', () => {
    expect(invalidAnswerMessage(fixture('truncated-json.txt'))).toMatch(/does not parse/);
  });

  it('rejects a JSON bundle without index.html, naming the rule it broke', () => {
    expect(invalidAnswerMessage(fixture('json-without-index.json'))).toMatch(/index\.html/);
  });

  it('rejects file paths that could escape the bundle', () => {
    const answer = JSON.stringify({
      title: 'x',
      files: [
        { path: 'index.html', content: '<h1>x</h1>' },
        { path: '../etc/passwd', content: '' },
      ],
    });
    expect(invalidAnswerMessage(answer)).toMatch(/not a valid bundle/);
  });
});
