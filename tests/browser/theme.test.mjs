// The public theme in a real browser: privacy, JavaScript off, print, and screenshots of every
// page type at phone and desktop widths (written to tests/browser/screenshots). The quick exit
// has quick-exit.test.mjs, history history.test.mjs, accessibility accessibility.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSite, repo } from './harness.mjs';

const PAGES = {
  home: '/', guidance: '/about-neglect/what-is-neglect/', section: '/worried/', 'signs-matrix': '/signs/',
  'signs-band': '/signs/5-11/', 'signs-category': '/signs/type/nutritional/', 'signs-cell': '/signs/12-plus/nutritional/',
  voices: '/voices/', 'young-people': '/young-people/', directory: '/directory/', 'directory-category': '/directory/category/food/',
  service: '/directory/north-family-hub/', search: '/search/#q=hungry', 'staying-safe': '/staying-safe-online/', 'not-found': '/no-such-page/',
};

const site = exampleSite({ before, after });

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
