import type { CDPSession, Page } from 'playwright-core';

/** Clickable things a hostile page may hide an action behind, in document order. */
const CLICKABLE =
  'a[href], area[href], button, input[type=submit i], input[type=image i], input[type=button i], summary, label';
const MAX_CLICKS = 4;

/**
 * What a curious user does: move the mouse, tab through, click what can be clicked. The clickable
 * elements are found by a script in an isolated world of our own (the page's main world never
 * sees it, and the debugger does not count it as the page's), then clicked as a real mouse would.
 */
export async function interact(page: Page, cdp: CDPSession, clickedLinks: Set<string>): Promise<void> {
  const startUrl = page.url();
  await page.mouse.move(200, 150);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const targets = await clickTargets(cdp).catch(() => []);
  for (const target of targets) {
    if (page.url() !== startUrl) break;
    // The raw attribute, resolved against the page itself: a <base> must not make a hijacked link look like the one clicked.
    const resolved = target.href === null ? undefined : resolveUrl(target.href, startUrl);
    if (resolved) clickedLinks.add(resolved);
    await page.mouse.click(target.x, target.y).catch(() => undefined);
    await page.waitForTimeout(30);
  }
}

/** Centres of the first few visible clickable elements, with their raw href. */
async function clickTargets(cdp: CDPSession): Promise<{ x: number; y: number; href: string | null }[]> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'attack-rig',
  });
  const { result } = await cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    returnByValue: true,
    expression: `(() => {
      const found = [];
      for (const element of document.querySelectorAll(${JSON.stringify(CLICKABLE)})) {
        const box = element.getBoundingClientRect();
        if (box.width < 1 || box.height < 1 || box.bottom < 0 || box.right < 0 || box.top > innerHeight || box.left > innerWidth) continue;
        found.push({ x: Math.max(0, box.left + box.width / 2), y: Math.max(0, box.top + box.height / 2), href: element.getAttribute('href') });
        if (found.length >= ${MAX_CLICKS}) break;
      }
      return found;
    })()`,
  });
  return (result.value as { x: number; y: number; href: string | null }[] | undefined) ?? [];
}

function resolveUrl(href: string, base: string): string | undefined {
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}
