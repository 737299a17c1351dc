import { chromium, type Browser, type Page } from 'playwright-core';
import type { Logger } from '../../shared/log/index.ts';
import { browserMemoryBytes } from './browser-memory.ts';

/** Thrown when a render did not end within its time (RENDER_TIMEOUT_MS). */
export class RenderTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`the render took longer than ${timeoutMs} ms`);
    this.name = 'RenderTimeoutError';
  }
}

export interface PageBrowserOptions {
  /** CHROMIUM_PATH. */
  chromiumPath: string;
  /** RENDERER_BROWSER_MB in bytes: above it (all the browser's processes, RSS) it is restarted once idle. */
  maxBytes: number;
  log: Logger;
}

/** Longest wait for a page to close, or the browser to quit, before it is given up on. */
const CLOSE_MS = 2000;

/**
 * One headless Chromium for the whole renderer, its pages reused from render to render. A render
 * gets a page for at most `timeoutMs`: a page that runs over (a hostile page's endless layout) is
 * closed, and if even that hangs the browser is killed and started again at the next render, so no
 * page can hold up the ones after it. Above `maxBytes` the browser is restarted as soon as no render
 * uses it. Pages load with JavaScript off: nothing of a page runs, whatever its headers say (the
 * preview's CSP sandbox is the first wall); our own code still runs through the DevTools protocol.
 */
export class PageBrowser {
  #launching: Promise<Browser> | undefined;
  #idle: Page[] = [];
  #busy = 0;
  #restartWhenIdle = false;

  constructor(private readonly options: PageBrowserOptions) {}

  /** Runs `render` on a page of its own; rejects with RenderTimeoutError after `timeoutMs`. */
  async withPage<T>(timeoutMs: number, render: (page: Page) => Promise<T>): Promise<T> {
    this.#busy += 1;
    let page: Page | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      let timedOut = false;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new RenderTimeoutError(timeoutMs));
        }, timeoutMs);
      });
      const taking = this.#takePage();
      // A page that arrives after the time ran out (a browser slow to start) is closed, not leaked.
      const closeIfLate = (late: Page) => {
        if (timedOut)
          void late
            .context()
            .close()
            .catch(() => undefined);
      };
      taking.then(closeIfLate, () => undefined);
      page = await Promise.race([taking, timeout]);
      const result = await Promise.race([render(page), timeout]);
      this.#idle.push(page);
      return result;
    } catch (error) {
      if (page) await this.#discard(page);
      throw error;
    } finally {
      clearTimeout(timer);
      this.#busy -= 1;
      await this.#checkMemory();
    }
  }

  async close(): Promise<void> {
    const launching = this.#launching;
    if (!launching) return;
    this.#forget(launching);
    await quit(await launching.catch(() => undefined));
  }

  async #takePage(): Promise<Page> {
    const browser = await this.#launched();
    const page = this.#idle.pop();
    if (page && !page.isClosed()) return page;
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    return context.newPage();
  }

  #launched(): Promise<Browser> {
    if (!this.#launching) {
      const launching = chromium
        .launch({ executablePath: this.options.chromiumPath, args: ['--disable-dev-shm-usage'] })
        .then((browser) => {
          browser.on('disconnected', () => this.#forget(launching));
          return browser;
        });
      launching.catch(() => this.#forget(launching));
      this.#launching = launching;
    }
    return this.#launching;
  }

  /** Closes a page that failed or ran over; a browser that cannot even do that is killed. */
  async #discard(page: Page): Promise<void> {
    const closed = await withinMs(
      page
        .context()
        .close()
        .then(() => true),
      CLOSE_MS,
    ).catch(() => false);
    if (!closed) {
      this.options.log.warn('a page would not close; restarting the browser');
      await this.#restart();
    }
  }

  async #checkMemory(): Promise<void> {
    if (!this.#restartWhenIdle && this.#launching) {
      const bytes = browserMemoryBytes();
      if (bytes > this.options.maxBytes) {
        this.options.log.info(
          { bytes, maxBytes: this.options.maxBytes },
          'the browser uses too much memory; restarting it',
        );
        this.#restartWhenIdle = true;
      }
    }
    if (this.#restartWhenIdle && this.#busy === 0) await this.#restart();
  }

  async #restart(): Promise<void> {
    this.#restartWhenIdle = false;
    const launching = this.#launching;
    if (!launching) return;
    this.#forget(launching);
    await quit(await launching.catch(() => undefined));
  }

  /** The next render starts a new browser; pages of this one are not reused. */
  #forget(launching: Promise<Browser>): void {
    if (this.#launching !== launching) return;
    this.#launching = undefined;
    this.#idle = [];
  }
}

async function quit(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  // close() asks politely; a browser stuck in a page's layout is killed by playwright after it.
  await withinMs(browser.close(), CLOSE_MS).catch(() => undefined);
}

function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
