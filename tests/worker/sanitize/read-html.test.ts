import { describe, expect, it } from 'vitest';
import { readHtml } from '../../../worker/sanitize/read-html.ts';

/** The events for `html`, as `<tag a="v">`, text and `</tag>` strings. */
function events(html: string): string[] {
  const seen: string[] = [];
  readHtml(html, {
    onopentag: (tag, attributes) =>
      seen.push(
        `<${tag}${Object.entries(attributes)
          .map(([name, value]) => ` ${name}="${value}"`)
          .join('')}>`,
      ),
    ontext: (text) => seen.push(text),
    onclosetag: (tag) => seen.push(`</${tag}>`),
  });
  return seen;
}

describe('readHtml', () => {
  it('reports every element opened as closed too, at the end of the document at the latest', () => {
    expect(events('<div><p>a<b>b')).toEqual(['<div>', '<p>', 'a', '<b>', 'b', '</b>', '</p>', '</div>']);
  });

  it('closes an open paragraph, list item or cell when the next one starts, as a browser does', () => {
    expect(events('<p>a<p>b<ul><li>c<li>d</ul>')).toEqual([
      '<p>',
      'a',
      '</p>',
      '<p>',
      'b',
      '</p>',
      '<ul>',
      '<li>',
      'c',
      '</li>',
      '<li>',
      'd',
      '</li>',
      '</ul>',
    ]);
  });

  it('closes the elements left open inside one whose end tag comes', () => {
    expect(events('<div><span><i>x</div>y')).toEqual(['<div>', '<span>', '<i>', 'x', '</i>', '</span>', '</div>', 'y']);
  });

  it('reads a stray </p> as an empty paragraph and </br> as a line break, and ignores other stray end tags', () => {
    expect(events('a</p>b</br>c</span></img>')).toEqual(['a', '<p>', '</p>', 'b', '<br>', '</br>', 'c']);
  });

  it('lower-cases names, decodes entities, and keeps the first of two attributes with one name', () => {
    expect(events('<A HREF="x&amp;y" href="z">T&lt;</A>')).toEqual(['<a href="x&y">', 'T', '<', '</a>']);
  });

  it('reads <image> as <img>, but not inside SVG', () => {
    expect(events('<image src="a.png"><svg><image href="b.png"/></svg>')).toEqual([
      '<img src="a.png">',
      '</img>',
      '<svg>',
      '<image href="b.png">',
      '</image>',
      '</svg>',
    ]);
  });

  it('honours a self-closing slash only inside SVG and MathML', () => {
    expect(events('<div/>x<svg><rect/>y</svg>')).toEqual([
      '<div>',
      'x',
      '<svg>',
      '<rect>',
      '</rect>',
      'y',
      '</svg>',
      '</div>',
    ]);
  });

  it('ignores a <form> inside an open one, as a browser does', () => {
    expect(events('<form a="1"><p>x<form b="2">y</form>z')).toEqual([
      '<form a="1">',
      '<p>',
      'x',
      'y',
      '</p>',
      '</form>',
      'z',
    ]);
  });

  it('nests no element deeper than 512, as Chromium builds it, however deep the markup', () => {
    let depth = 0;
    let deepest = 0;
    readHtml(`${'<div>'.repeat(5000)}x${'</b>'.repeat(5000)}`, {
      onopentag: () => (deepest = Math.max(deepest, ++depth)),
      ontext: () => undefined,
      onclosetag: () => void depth--,
    });
    expect(deepest).toBe(512);
    expect(depth).toBe(0);
  });

  it('reads the content of <style> and <title> as text', () => {
    expect(events('<style>a<b>{}</style><title>&lt;x<i></title>')).toEqual([
      '<style>',
      'a<b>{}',
      '</style>',
      '<title>',
      '<',
      'x<i>',
      '</title>',
    ]);
  });
});
