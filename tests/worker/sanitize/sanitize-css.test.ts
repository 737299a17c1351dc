import { describe, expect, it } from 'vitest';
import { sanitizeStyleAttribute, sanitizeStylesheet } from '../../../worker/sanitize/sanitize-css.ts';

describe('sanitizeStylesheet', () => {
  it.each([
    ['@import url(…)', '@import url("https://evil.example/a.css");'],
    ['@import "…"', "@import 'https://evil.example/a.css';"],
    ['@IMPORT in capitals', '@IMPORT url(a.css);'],
    ['@import with an escaped name', '@\\69mport url(https://evil.example/a.css);'],
    ['@import split by a comment', '@im/**/port url(https://evil.example/a.css);'],
    ['@charset and @namespace', '@charset "utf-8"; @namespace svg url(http://www.w3.org/2000/svg);'],
    ['an unknown at-rule', '@document url-prefix(https://evil.example) { p { color: red } }'],
  ])('drops %s', (_name, css) => {
    expect(sanitizeStylesheet(`${css}\np { color: red }`)).toBe('p {\n  color: red;\n}');
  });

  it.each([
    ['an external url()', 'background: url(https://evil.example/a.png)'],
    ['a quoted external url()', 'background: url( "https://evil.example/a.png" )'],
    ['a protocol-relative url()', 'background: url(//evil.example/a.png)'],
    ['a root-relative url()', 'background: url(/other-preview/a.png)'],
    ['a url() with an escaped name', 'background: \\75 rl(https://evil.example/a.png)'],
    ['a url() with an escaped scheme', 'background: url(\\68ttps://evil.example/a.png)'],
    ['a url() with a javascript: scheme', 'background: url(javascript:alert(1))'],
    ['an svg data: url()', 'background: url("data:image/svg+xml,<svg onload=alert(1)>")'],
    ['image-set() with plain strings', 'background-image: image-set("https://evil.example/a.png" 1x)'],
    ['-webkit-image-set()', 'background-image: -webkit-image-set("https://evil.example/a.png" 1x)'],
    ['src()', 'background-image: src("https://evil.example/a.png")'],
    ['expression()', 'width: expression(alert(1))'],
    ['an escaped expression()', 'width: ex\\70 ression(alert(1))'],
    ['behavior', 'behavior: url(a.htc)'],
    ['-moz-binding', '-moz-binding: url(a.xml#x)'],
    ['attr()', 'content: attr(title)'],
    ['an escaped property name', 'b\\61 ckground: url(https://evil.example/a.png)'],
    ['a string left open at the end of the line', 'font-family: "Open Sans\n'],
  ])('drops %s but keeps the rest of the rule', (_name, declaration) => {
    expect(sanitizeStylesheet(`p { color: red; ${declaration}; margin: 0 }`)).toBe(
      'p {\n  color: red;\n  margin: 0;\n}',
    );
  });

  it('lets a string left open on the last line swallow the rest, as the browser would', () => {
    expect(sanitizeStylesheet('p { color: red; font-family: "Open Sans; margin: 0 }')).toBe('p {\n  color: red;\n}');
  });

  it('drops external sources in @font-face', () => {
    expect(
      sanitizeStylesheet('@font-face { font-family: X; src: url(https://fonts.example/x.woff2) format("woff2") }'),
    ).toBe('@font-face {\n  font-family: X;\n}');
  });

  it('keeps bundle-relative and inline image/font url()', () => {
    const css = [
      "p { background: url('img/a.png') no-repeat, url(./b.webp); }",
      'i { background-image: url(data:image/png;base64,iVBORw0KGgo=); }',
      '@font-face { font-family: Y; src: local(Y), url(data:font/woff2;base64,d09GMgABAAAAA=) format("woff2"); }',
    ].join('\n');
    expect(sanitizeStylesheet(css)).toBe(
      [
        "p {\n  background: url('img/a.png') no-repeat, url(./b.webp);\n}",
        'i {\n  background-image: url(data:image/png;base64,iVBORw0KGgo=);\n}',
        '@font-face {\n  font-family: Y;\n  src: local(Y), url(data:font/woff2;base64,d09GMgABAAAAA=) format("woff2");\n}',
      ].join('\n'),
    );
  });

  it('keeps media queries, keyframes, custom properties, nesting and harmless escapes', () => {
    const css =
      ':root{--accent:#2f5d34}@media (400px <= width <= 700px){.a{color:var(--accent)}}' +
      '@keyframes fade{from{opacity:0}to{opacity:1}}.card{scroll-behavior:smooth;&:hover{color:red}}q::before{content:"\\201C"}';
    expect(sanitizeStylesheet(css)).toBe(
      [
        ':root {\n  --accent: #2f5d34;\n}',
        '@media (400px <= width <= 700px) {\n  .a {\n    color: var(--accent);\n  }\n}',
        '@keyframes fade {\n  from {\n    opacity: 0;\n  }\n  to {\n    opacity: 1;\n  }\n}',
        '.card {\n  scroll-behavior: smooth;\n  &:hover {\n    color: red;\n  }\n}',
        'q::before {\n  content: "\\201C";\n}',
      ].join('\n'),
    );
  });

  it('cannot be used to close the <style> element early', () => {
    expect(sanitizeStylesheet('p::after { content: "</style><script>alert(1)</script>" }')).toBe(
      'p::after {\n  content: "<\\/style><script>alert(1)<\\/script>";\n}',
    );
  });

  it('does not let a ; or } inside a string split a declaration', () => {
    expect(sanitizeStylesheet('p { content: "a;b}c"; color: red }')).toBe('p {\n  content: "a;b}c";\n  color: red;\n}');
  });

  it('drops a declaration with an unclosed parenthesis, which would swallow what follows', () => {
    expect(sanitizeStylesheet('p { width: calc(1px + 2px; color: red }')).toBe('');
  });

  it('drops everything after an unclosed comment', () => {
    expect(sanitizeStylesheet('p { color: red } /* h1 { background: url(https://evil.example/a.png) }')).toBe(
      'p {\n  color: red;\n}',
    );
  });

  it('survives absurd nesting without a stack overflow', () => {
    expect(sanitizeStylesheet(`${'@media screen{'.repeat(20_000)}p{color:red}`)).toBe('');
  });
});

describe('sanitizeStyleAttribute', () => {
  it('keeps safe declarations and drops the rest', () => {
    expect(
      sanitizeStyleAttribute(
        'color: blue; background: url(https://evil.example/a.png); width: expression(alert(1)); margin: 0',
      ),
    ).toBe('color: blue; margin: 0');
  });

  it('drops blocks, which have no place in an attribute', () => {
    expect(sanitizeStyleAttribute('color: blue; p { color: red }')).toBe('color: blue');
  });
});
