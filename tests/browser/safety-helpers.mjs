// Shared by the quick exit, history and "Staying safe online" tests: the neutral site and the
// page a reader came from, both answered here so no test leaves this machine.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { PNG } from 'pngjs';
import { repo } from './harness.mjs';

export const NEUTRAL = 'https://www.bbc.co.uk/weather';
/** The page open in the tab before the site: a search engine's results, say. */
export const BEFORE = 'https://search.example/results?q=help';

/**
 * Answers the neutral site and the page before with small pages of their own. With
 * `neutralDelayMs` the neutral site answers late, so the page that is leaving stays on screen
 * that long and can be looked at; `answerNow()` on the result answers at once.
 */
export async function fakeOtherSites(context, { neutralDelayMs = 0 } = {}) {
  const waiting = new Set();
  await context.route(`${NEUTRAL}**`, (route) => {
    const answer = () => {
      waiting.delete(answer);
      route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }).catch(() => {});
    };
    waiting.add(answer);
    if (neutralDelayMs) setTimeout(answer, neutralDelayMs);
    else answer();
  });
  await context.route('https://search.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Results</title><h1>Search results</h1>' }));
  return { answerNow: () => [...waiting].forEach((answer) => answer()) };
}

/** A tab that had a search engine's results open, then opened `url`. */
export async function tabFromBefore(context, url) {
  const page = await context.newPage();
  await page.goto(BEFORE);
  await page.goto(url);
  return page;
}

/** Waits until the tab shows the neutral site. */
export const leftForNeutral = (page) => page.waitForURL(`${NEUTRAL}**`, { timeout: 5000 });

/** Every page of a built site: the sitemap's addresses as paths, and the 404 page. */
export async function everyPage(siteUrl) {
  const sitemap = await (await fetch(`${siteUrl}/sitemap.xml`)).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  return [...new Set(paths), '/no-such-page/'];
}

/**
 * Serves `dir`, but sends `stalled` only up to the end of the exit bar and holds the rest
 * until `release()`: a page that is still arriving on a slow connection.
 */
export function serveStalling(dir, stalled) {
  const held = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end();
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.css') ? 'text/css' : 'text/javascript';
    const body = readFileSync(file, 'utf8');
    res.writeHead(200, { 'content-type': type });
    if (path !== stalled) return res.end(body);
    const cut = body.indexOf('</section>') + '</section>'.length;
    // Enough bytes after the bar for the browser to paint what it has.
    res.write(body.slice(0, cut) + `<!--${' '.repeat(4096)}-->`);
    held.push(() => res.end(body.slice(cut)));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      release: () => held.splice(0).forEach((finish) => finish()),
      close: () => server.close(),
    }));
  });
}

/**
 * Runs `act` and resolves to what the page saw: the milliseconds from the `nth` input event of
 * `eventType` to the first frame produced after it, and the tab's title and alert then. The page
 * reports through a binding, as a page with a navigation under way cannot be evaluated.
 */
export async function inputToNextFrame(page, eventType, act, { nth = 1 } = {}) {
  let report;
  const reported = new Promise((resolve) => { report = resolve; });
  await page.exposeFunction('reportInputToFrame', (seen) => report(seen));
  await page.evaluate(([type, count]) => {
    let seen = 0;
    addEventListener(type, function measure(event) {
      seen += 1;
      if (seen < count) return;
      removeEventListener(type, measure, true);
      requestAnimationFrame(() => {
        // A task queued from requestAnimationFrame runs once that frame has been produced.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.reportInputToFrame({
          ms: performance.now() - event.timeStamp,
          title: document.title,
          alert: document.querySelector('[role="alert"]')?.textContent ?? null,
        });
        channel.port2.postMessage(null);
      });
    }, true);
  }, [eventType, nth]);
  await act();
  return reported;
}

/** True when the viewport is one flat colour: nothing of the page shows. */
export async function isBlank(page) {
  // Straight from the compositor: page.screenshot() would wait for a navigation under way.
  const cdp = await page.context().newCDPSession(page);
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  // Not awaited: while a navigation is under way, detaching waits for it to finish.
  cdp.detach().catch(() => {});
  const { width, data: pixels } = PNG.sync.read(Buffer.from(data, 'base64'));
  const first = pixels.subarray(0, 3);
  for (let at = 0; at < pixels.length; at += 4) {
    if (pixels[at] !== first[0] || pixels[at + 1] !== first[1] || pixels[at + 2] !== first[2]) return false;
  }
  return width > 0;
}

const axeSource = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

// The two unnamed search landmarks on /search/ belong to the search client's work on issue 10
// (branch `search`); every other rule runs there, and every rule runs on every other page.
const LEFT_TO_THE_SEARCH_BRANCH = { '/search/': ['landmark-unique'] };

/**
 * axe's WCAG 2.0-2.2 A and AA rules and its best practices on the page at `path`; the
 * violations, one line each. The page's CSP must be bypassed for axe's own script.
 */
export async function axeViolations(page, path) {
  await page.evaluate(axeSource);
  const skipped = LEFT_TO_THE_SEARCH_BRANCH[path] ?? [];
  return page.evaluate(async (skip) => {
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    const rules = Object.fromEntries(skip.map((id) => [id, { enabled: false }]));
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, rules });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, skipped);
}

/** A link of the main navigation, opening the Menu first where a narrow screen folds it away. */
export async function mainNavLink(page, name) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name });
  if (!(await link.isVisible())) await nav.getByText('Menu', { exact: true }).click();
  return link;
}
