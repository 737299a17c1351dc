import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page, type Request } from 'playwright-core';
import { startLoopbackBeacon, type LoopbackBeacon } from './loopback-beacon.ts';
import { interact } from './poke-page.ts';
import { CHROMIUM_PATH } from './chromium.ts';

/**
 * Real Chromium, rigged to notice what a hostile page does: script that runs, requests that leave
 * the page's own origin, and anything that reaches the network without being a request the page
 * made (a speculative TLS connection, a preconnect). Shared by the corpus tests of both walls: the
 * sanitizer (its output without any CSP) and the preview server (raw pages under its headers).
 *
 * Speed: a new browser tab costs ~200 ms of CPU, so a few "lanes" (a context with one tab, its own
 * proxy beacon and its own debugger session) are reused, one visit at a time each.
 */

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // The browser's own calls home (autofill, hints) would go through the beacon too and look like a
  // leak. Chromium keeps only the last --disable-features, so Playwright's own list is repeated here.
  '--disable-features=AcceptCHFrame,AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,GlobalMediaControls,HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,Translate,AutoDeElevate,RenderDocument,AutofillServerCommunication,OptimizationHints',
  // Safety net: no host name resolves, so nothing that slipped past the proxy and the interception
  // below (the browser's own background traffic, a DNS prefetch) can leave the machine. The pages
  // under test live on 127.0.0.1, which is excluded.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** What a visit saw. A hostile page passes when scriptSignals, offOriginRequests and beaconHits are empty. */
export interface VisitReport {
  /** Evidence that script ran: a dialog, a trapped call (alert, print, console…), an uncaught error, or code the page compiled. */
  scriptSignals: string[];
  /** Every request to an origin other than the page's own (all were aborted), except followed links (below). */
  offOriginRequests: string[];
  /** What reached the loopback beacon that stands in for the network, except the followed links' own connections. */
  beaconHits: string[];
  /**
   * Links the visit clicked that the browser then opened: a top-level GET of exactly the link's URL,
   * sent without a Referer. That is a user choosing to leave the page — what an `https:` link is
   * for — not the page reaching out on its own; reported, aborted, and not counted as a leak.
   */
  followedLinks: string[];
}

export interface VisitOptions {
  /** Also do what a user could: move the mouse, press Tab, click links, buttons, summaries and labels. */
  interact: boolean;
}

export interface AttackBrowser {
  /** Loads `url`, lets it settle, optionally pokes it, and reports. Call concurrently; visits queue for a free lane. */
  visit(url: string, options: VisitOptions): Promise<VisitReport>;
  /** Requests, beacon hits or script signals that arrived between visits, when no vector owned the lane (should stay empty). */
  unattributed: string[];
  close(): Promise<void>;
}

/** After `load`, and again after the clicks: long enough for handlers, lazy loads and a 0 s refresh to start. */
const SETTLE_MS = 100;
/** The longest a visit waits for a clicked off-site link to be followed. */
const FOLLOW_WAIT_MS = 5000;

/**
 * Runs in every frame before the page's own code: the functions payloads use to show they ran
 * report to the test instead (a CSP-sandboxed page never gets this far: it runs no script at all).
 * The sourceURL marks this script so it is not mistaken for the page's own.
 */
const TRAPS = `(() => {
  const report = (what) => { try { globalThis.__attackTrap(what); } catch {} };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) globalThis[name] = function () { report(name); return name === 'confirm' ? false : null; };
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table']) console[name] = function () { report('console.' + name); };
})();
//# sourceURL=__attack_traps__`;

interface Visit {
  origin: string;
  report: VisitReport;
  clickedLinks: Set<string>;
}

interface Lane {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  beacon: LoopbackBeacon;
  /** The visit whose document is showing; undefined between visits. */
  current: Visit | undefined;
  /** The origin of the pages visited (the server under test). */
  origin: string | undefined;
}

export async function launchAttackBrowser(options: { lanes?: number } = {}): Promise<AttackBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const unattributed: string[] = [];
  // Playwright and our traps compile a few scripts into every page themselves; their hashes are
  // learnt on a blank page first, so any other compiled script is the page's own.
  const ownScripts = new Set<string>();
  let calibrating = true;
  const signal = (lane: Lane, what: string) =>
    lane.current ? lane.current.report.scriptSignals.push(what) : unattributed.push(`script: ${what}`);

  async function openLane(): Promise<Lane> {
    const beacon = await startLoopbackBeacon();
    // Every byte the context sends to another host goes to the beacon instead (loopback excepted: the pages under test).
    const context = await browser.newContext({ proxy: { server: beacon.url, bypass: '127.0.0.1' } });
    const lane: Lane = { context, page: undefined, beacon, current: undefined, origin: undefined } as unknown as Lane;
    await context.route('**/*', async (route) => {
      const request = route.request();
      const visit = lane.current;
      // The pages under test all live on one origin; its requests are never a leak, whichever page sent them.
      if (lane.origin && sameOrigin(request.url(), lane.origin)) return route.continue();
      const line = `${request.method()} ${request.resourceType()} ${request.url()}`;
      if (!visit) unattributed.push(`request: ${line}`);
      else if (isFollowedLink(request, visit.clickedLinks)) visit.report.followedLinks.push(request.url());
      else visit.report.offOriginRequests.push(line);
      return route.abort('blockedbyclient');
    });
    await context.exposeBinding('__attackTrap', (_source, what: unknown) => signal(lane, `called ${String(what)}`));
    await context.addInitScript({ content: TRAPS });
    context.on('page', (page) => {
      page.on('dialog', (dialog) => {
        signal(lane, `${dialog.type()} dialog: ${dialog.message()}`);
        void dialog.dismiss().catch(() => undefined);
      });
      page.on('pageerror', (error) => signal(lane, `uncaught error: ${error.message}`));
    });
    await openPage(lane);
    return lane;
  }

  /** A new tab for the lane (the first, or instead of one a visit left in a state we cannot trust). */
  async function openPage(lane: Lane): Promise<void> {
    if (lane.page) await lane.page.close().catch(() => undefined);
    lane.page = await lane.context.newPage();
    lane.cdp = await lane.context.newCDPSession(lane.page);
    await watchCompiledScripts(
      lane.cdp,
      (what) => signal(lane, what),
      ownScripts,
      () => calibrating,
    );
  }

  /**
   * One visit on a lane. The visit owns what happens from the moment its document commits until it
   * ends; whatever the previous page still does in between (while the next one loads) belongs to
   * no visit and is reported as unattributed, so nothing can hide in the gap.
   */
  async function visitOn(lane: Lane, url: string, visitOptions: VisitOptions): Promise<VisitReport> {
    const visit: Visit = {
      origin: new URL(url).origin,
      report: { scriptSignals: [], offOriginRequests: [], beaconHits: [], followedLinks: [] },
      clickedLinks: new Set(),
    };
    lane.origin = visit.origin;
    try {
      await navigate(lane, url, visit);
      await lane.page.waitForTimeout(SETTLE_MS);
      if (visitOptions.interact) await interact(lane.page, lane.cdp, visit.clickedLinks);
      await lane.page.waitForTimeout(SETTLE_MS);
      await untilClickedLinksFollowed(visit);
    } finally {
      for (const page of lane.context.pages()) if (page !== lane.page) await page.close().catch(() => undefined);
      lane.current = undefined;
    }
    visit.report.beaconHits = takeBeaconHits(lane).filter(
      (hit) => !visit.report.followedLinks.some((link) => isHitFor(hit, link)),
    );
    return visit.report;
  }

  /**
   * page.goto, the visit taking over the lane as the new document commits. A navigation the last
   * page left on its way (a blocked javascript: link becomes about:blank#blocked a moment later)
   * can cut into it; then the tab is replaced and the goto repeated once.
   */
  async function navigate(lane: Lane, url: string, visit: Visit): Promise<void> {
    const takeOver = () => {
      if (lane.current === visit) return;
      // Beacon hits so far came from the page before: they belong to no visit.
      takeBeaconHits(lane).forEach((hit) => unattributed.push(`beacon: ${hit}`));
      lane.current = visit;
    };
    for (let attempt = 1; ; attempt++) {
      const onCommit = (frame: Frame) => {
        if (frame === lane.page.mainFrame() && frame.url() === url) takeOver();
      };
      lane.page.on('framenavigated', onCommit);
      try {
        await lane.page.goto(url, { waitUntil: 'load', timeout: 10_000 });
        takeOver();
        return;
      } catch (error) {
        if (attempt >= 2 || !/interrupted by another navigation/.test(String(error))) throw error;
        await openPage(lane);
      } finally {
        lane.page.off('framenavigated', onCommit);
      }
    }
  }

  const calibration = await serveOnce('<!DOCTYPE html><p>calibration <a href="#here">here</a></p>');
  const lanes: Lane[] = [];
  try {
    const first = await openLane();
    lanes.push(first);
    await visitOn(first, calibration.url, { interact: true });
    calibrating = false;
    for (let i = 1; i < (options.lanes ?? 3); i++) lanes.push(await openLane());
  } finally {
    await calibration.close();
  }

  const idle = [...lanes];
  const waiting: ((lane: Lane) => void)[] = [];
  const acquire = () => new Promise<Lane>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
  const release = (lane: Lane) => (waiting.length ? waiting.shift()!(lane) : idle.push(lane));

  return {
    unattributed,
    async visit(url, visitOptions) {
      const lane = await acquire();
      try {
        return await visitOn(lane, url, visitOptions);
      } finally {
        release(lane);
      }
    },
    async close() {
      await browser.close();
      await Promise.all(lanes.map((lane) => lane.beacon.close()));
    },
  };
}

/**
 * A clicked link to another site is followed a moment after the click (in a new tab for
 * `target=_blank`), on a busy machine after the settle time: the visit waits (up to FOLLOW_WAIT_MS)
 * until each such link's navigation has shown up, so it counts as followed, not as a request
 * between visits. A link the page kept from being followed just uses up the wait.
 */
async function untilClickedLinksFollowed(visit: Visit): Promise<void> {
  const offSite = [...visit.clickedLinks].filter((url) => url.startsWith('https:') && !sameOrigin(url, visit.origin));
  const deadline = Date.now() + FOLLOW_WAIT_MS;
  while (!offSite.every((url) => visit.report.followedLinks.includes(url)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

function takeBeaconHits(lane: Lane): string[] {
  return lane.beacon.hits.splice(0);
}

/**
 * Script detection that needs no cooperation from the page: the debugger reports every script the
 * page's main world compiles — inline scripts, event handlers as they fire, javascript: URLs, eval.
 * Scripts of Chromium's own error page (shown for an aborted navigation) are not the page's.
 */
async function watchCompiledScripts(
  cdp: CDPSession,
  signal: (what: string) => void,
  ownScripts: Set<string>,
  calibrating: () => boolean,
): Promise<void> {
  cdp.on('Debugger.scriptParsed', (event) => {
    if (!event.executionContextAuxData?.isDefault || event.url.startsWith('chrome-error://')) return;
    if (calibrating()) ownScripts.add(event.hash);
    else if (!ownScripts.has(event.hash))
      signal(`compiled a script (${event.length} chars) from ${event.url || 'inline code'}`);
  });
  cdp.on('Runtime.consoleAPICalled', (event) => signal(`console.${event.type} called`));
  await cdp.send('Runtime.enable');
  await cdp.send('Debugger.enable');
  // A `debugger;` statement in a payload must not freeze the visit.
  await cdp.send('Debugger.setSkipAllPauses', { skip: true });
}

/** A top-level GET of exactly a clicked link's URL, carrying no Referer. */
function isFollowedLink(request: Request, clickedLinks: Set<string>): boolean {
  if (
    !request.isNavigationRequest() ||
    request.method() !== 'GET' ||
    request.headers().referer ||
    !clickedLinks.has(request.url())
  )
    return false;
  try {
    return request.frame().parentFrame() === null;
  } catch {
    // Playwright has no frame yet for the first navigation of a new tab: a new tab is top-level.
    return true;
  }
}

/** Whether a beacon line (`CONNECT host:443 …` or `GET http://host/… …`) is the given URL's own connection. */
function isHitFor(hit: string, url: string): boolean {
  const target = new URL(url);
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return target.protocol === 'https:'
    ? hit.startsWith(`CONNECT ${target.hostname}:${port} `)
    : hit.startsWith(`GET ${target.href} `);
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** A one-page server for calibration. */
async function serveOnce(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
