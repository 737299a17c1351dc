import { describe, expect, it } from 'vitest';
import { UnsafeBundleError } from '../../../shared/errors.ts';
import { assertSafeSvg } from '../../../worker/sanitize/assert-no-active-content.ts';
import { sanitizeSvg } from '../../../worker/sanitize/sanitize-svg.ts';

const clean = (svg: string) => sanitizeSvg(svg, 'logo.svg');
const open = '<svg xmlns="http://www.w3.org/2000/svg">';

describe('sanitizeSvg', () => {
  it('keeps a drawing: shapes, text, gradients and the paint that points at them', () => {
    const svg =
      '<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10">' +
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#c60"/></linearGradient></defs>' +
      '<rect width="20" height="10" fill="url(#g)"/><text x="1" y="8" font-size="6">Hi &amp; bye</text></svg>';
    expect(clean(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#c60"></stop></linearGradient></defs>' +
        '<rect width="20" height="10" fill="url(#g)"></rect><text x="1" y="8" font-size="6">Hi &amp; bye</text></svg>',
    );
  });

  it.each([
    ['a script element', '<svg><script>alert(1)</script><circle r="1"/></svg>'],
    ['a script with a CDATA section', '<svg><script><![CDATA[alert(1)]]></script><circle r="1"/></svg>'],
    [
      'foreignObject with HTML inside',
      '<svg><foreignObject><iframe src="https://evil.example/"></iframe></foreignObject><circle r="1"/></svg>',
    ],
    ['an external image', '<svg><image href="https://evil.example/i.png"/><circle r="1"/></svg>'],
    ['a link', '<svg><a href="javascript:alert(1)"><text>x</text></a><circle r="1"/></svg>'],
    [
      'an animation that rewrites href',
      '<svg><set attributeName="href" to="javascript:alert(1)"/><circle r="1"/></svg>',
    ],
    [
      'a filter that loads an image',
      '<svg><filter id="f"><feImage href="https://evil.example/f.png"/></filter><circle r="1"/></svg>',
    ],
  ])('drops %s with everything inside it', (_label, svg) => {
    expect(clean(svg)).toBe(`${open}<circle r="1"></circle></svg>`);
  });

  it.each([
    ['event handlers', '<svg onload="alert(1)"><circle r="1" onclick="alert(2)" onmouseover="alert(3)"/></svg>'],
    ['an external use', '<svg><circle r="1"/><use href="https://evil.example/s.svg#x"/></svg>'],
    ['an external paint server', '<svg><circle r="1" fill="url(https://evil.example/p.svg#g)"/></svg>'],
    [
      'a style attribute with an external image',
      '<svg><circle r="1" style="fill: url(https://evil.example/p.png)"/></svg>',
    ],
  ])('drops %s', (_label, svg) => {
    const out = clean(svg);
    expect(out).not.toMatch(/on[a-z]+=|evil\.example|javascript/);
  });

  it('keeps a use that points inside the same file, declaring the xlink namespace it needs', () => {
    expect(clean('<svg><symbol id="s"><circle r="1"/></symbol><use xlink:href="#s"/></svg>')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><symbol id="s"><circle r="1"></circle></symbol><use xlink:href="#s"></use></svg>',
    );
  });

  it('keeps a <style> that only paints, and drops one that loads anything', () => {
    expect(clean('<svg><style>circle { fill: red }</style></svg>')).toBe(
      `${open}<style>circle {\n  fill: red;\n}</style></svg>`,
    );
    expect(clean('<svg><style>circle { fill: red; background: url(a.png) }</style></svg>')).toBe(
      `${open}<style>circle {\n  fill: red;\n}</style></svg>`,
    );
    expect(clean('<svg><style>@import url(https://evil.example/x.css);</style></svg>')).toBe(
      `${open}<style></style></svg>`,
    );
  });

  it('escapes text and attribute values so an XML parser reads back exactly the checked tree', () => {
    expect(clean('<svg><text x="1&quot;2">a &lt;b&gt; "c"</text></svg>')).toBe(
      `${open}<text x="1&quot;2">a &lt;b&gt; &quot;c&quot;</text></svg>`,
    );
  });

  it('refuses a file with no <svg> drawing in it', () => {
    expect(() => clean('<html><body><script>alert(1)</script></body></html>')).toThrow(UnsafeBundleError);
  });

  it('refuses absurd nesting instead of overflowing', () => {
    expect(() => clean(`<svg>${'<g>'.repeat(100)}</svg>`)).toThrow(/deeper than 64 levels/);
  });

  it('produces drawings the final check accepts, and the final check refuses what it must', () => {
    expect(() =>
      assertSafeSvg(clean('<svg><rect width="1" height="1" onclick="x"/><script>1</script></svg>'), 'a.svg'),
    ).not.toThrow();
    for (const bad of [
      '<svg><script>1</script></svg>',
      '<svg onload="x"></svg>',
      '<svg><image href="a.png"/></svg>',
      '<svg><rect fill="url(a.svg#g)"/></svg>',
      '<p>not svg</p>',
    ]) {
      expect(() => assertSafeSvg(bad, 'a.svg'), bad).toThrow(UnsafeBundleError);
    }
  });
});
