// The public theme in a real browser: the quick exit, privacy, JavaScript off, and
// screenshots of every page type at phone and desktop widths (written to tests/browser/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSite, repo } from './harness.mjs';

const NEUTRAL = 'https://www.bbc.co.uk/weather';
const PAGES = {
  home: '/', guidance: '/about-neglect/what-is-neglect/', section: '/worried/', 'signs-matrix': '/signs/',
  'signs-band': '/signs/5-11/', 'signs-category': '/signs/type/nutritional/', 'signs-cell': '/signs/12-plus/nutritional/',
  voices: '/voices/', 'young-people': '/young-people/', directory: '/directory/', 'directory-category': '/directory/category/food/',
  service: '/directory/north-family-hub/', search: '/search/#q=hungry', 'staying-safe': '/staying-safe-online/', 'not-found': '/no-such-page/',
};

const site = exampleSite({ before, after });

/** A page whose requests to the neutral site are answered here, so no test leaves this machine. */
async function pageWithNeutralSite(context) {
  const page = await context.newPage();
  await page.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }));
  return page;
}

test('the Exit this page button leaves at once, and Back does not return', async () => {
  const context = await site.browser.newContext();
  const page = await pageWithNeutralSite(context);
  await page.goto(`${site.url}/about/`);
  await page.goto(`${site.url}/signs/12-plus/nutritional/`);
  await page.getByRole('link', { name: 'Exit this page' }).click();
  await page.waitForURL(`${NEUTRAL}**`);
  await page.goBack();
  assert.equal(new URL(page.url()).pathname, '/about/', 'Back skips the page that was left');
  await context.close();
});

test('pressing Shift three times leaves, with progress announced; Shift with a letter does not count', async () => {
  const context = await site.browser.newContext();
  const page = await pageWithNeutralSite(context);
  await page.goto(`${site.url}/young-people/`);
  const status = page.locator('#quick-exit-status');
  await page.keyboard.press('Shift');
  assert.equal(await status.textContent(), 'Shift pressed 1 of 3 times to leave this page.');
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift');
  assert.equal(await status.textContent(), 'Shift pressed 1 of 3 times to leave this page.', 'typing a capital starts again');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForURL(`${NEUTRAL}**`);
  await context.close();
});

test('the page is hidden the moment the exit starts', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.route(`${NEUTRAL}**`, () => {}); // never answers: the old page stays loaded
  await page.goto(`${site.url}/worried/`);
  const display = await page.evaluate(() => {
    document.querySelector('.quick-exit').click();
    return getComputedStyle(document.body).display;
  });
  assert.equal(display, 'none', 'hidden in the same moment as the click, before the new site loads');
  await context.close();
});

test('without JavaScript the exit is still a working link', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await pageWithNeutralSite(context);
  await page.goto(`${site.url}/worried/`);
  await page.getByRole('link', { name: 'Exit this page' }).click();
  await page.waitForURL(`${NEUTRAL}**`);
  await context.close();
});

test('the exit button stays in view as the page scrolls', async () => {
  const page = await site.browser.newPage({ viewport: { width: 375, height: 640 } });
  await page.goto(`${site.url}/about-neglect/types-of-neglect/`);
  await page.mouse.wheel(0, 3000);
  await page.waitForTimeout(100);
  const box = await page.getByRole('link', { name: 'Exit this page' }).boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 100, `exit button at y=${box?.y}`);
  await page.close();
});

test('pages set no cookies, store nothing, and forbid inline script and style', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  for (const path of Object.values(PAGES)) {
    await page.goto(site.url + path);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(await page.locator('meta[name="referrer"]').getAttribute('content'), 'no-referrer');
    assert.equal(await page.locator('[style]').count(), 0, `no style attributes on ${path}`);
    const inline = await page.locator('script:not([src]):not([type="application/ld+json"])').count();
    assert.equal(inline, 0, `no inline script on ${path}`);
    const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
    assert.equal(stored, 0);
  }
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

test('with JavaScript off every page type is readable and its navigation works', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const path of Object.values(PAGES)) {
    await page.goto(site.url + path);
    assert.ok((await page.locator('h1').textContent()).trim().length > 0, path);
    assert.ok(await page.getByRole('navigation', { name: 'Main' }).isVisible(), path);
    assert.ok(await page.getByRole('link', { name: '0800 1111' }).isVisible(), `help contacts on ${path}`);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signs of neglect by age' }).click();
  await page.waitForURL('**/signs/');
  await context.close();
});

test('print styles drop the navigation and exit button and print link addresses', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/about-neglect/what-is-neglect/`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.quick-exit-bar').isVisible(), false);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
  const after = await page.evaluate(() => getComputedStyle(document.querySelector('main a[href^="http"]'), '::after').content);
  assert.match(after, /http/);
  await page.close();
});

test('screenshots of every page type at 375px and 1280px', async () => {
  const folder = join(repo, 'tests/browser/screenshots');
  mkdirSync(folder, { recursive: true });
  for (const width of [375, 1280]) {
    const page = await site.browser.newPage({ viewport: { width, height: 900 } });
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(site.url + path);
      if (name === 'search') await page.locator('#search-results li').first().waitFor();
      const file = join(folder, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(readFileSync(file).length > 1000);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} is ${overflow}px too wide at ${width}px`);
    }
    await page.close();
  }
});
