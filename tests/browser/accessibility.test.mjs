// WCAG 2.2 AA on every page of the example site, and the defects an audit found, each tried
// as the person who met it: a keyboard user tabbing backwards under the sticky exit bar, a
// low-vision reader at 400% zoom (320x256), a phone user tapping breadcrumbs, a screen reader
// user in the breadcrumbs and the directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { exampleSite } from './harness.mjs';
import { everyPage, axeViolations } from './safety-helpers.mjs';

const site = exampleSite({ before, after });

const PAGE_TYPES = {
  home: '/', guidance: '/about-neglect/what-is-neglect/', section: '/worried/', 'signs matrix': '/signs/',
  'signs band': '/signs/5-11/', 'signs category': '/signs/type/nutritional/', 'signs cell': '/signs/12-plus/nutritional/',
  voices: '/voices/', 'young people': '/young-people/', directory: '/directory/', 'directory category': '/directory/category/food/',
  service: '/directory/north-family-hub/', search: '/search/', 'staying safe': '/staying-safe-online/', 'not found': '/no-such-page/',
};
const DESKTOP = { width: 1280, height: 800 };
const ZOOMED = { width: 320, height: 256 }; // 1280x1024 at 400%
/** The heading levels of the page in order, as a screen reader lists them. */
const headingLevels = (page) => page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((headings) =>
  headings.filter((h) => h.getClientRects().length > 0).map((h) => Number(h.tagName[1])));

test('every page of the example site has no axe violations at 320px and 1280px, and no skipped heading level', async () => {
  const paths = await everyPage(site.url);
  assert.ok(paths.length > 100, `${paths.length} pages`);
  const started = Date.now();
  const found = [];
  // Axe needs its own script on the page; the pages' CSP rightly forbids it, so it is bypassed.
  await Promise.all([{ width: 320, height: 640 }, DESKTOP].map(async (viewport) => {
    const context = await site.browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(site.url + path);
      for (const v of await axeViolations(page, path)) found.push(`${viewport.width}px ${path} ${v}`);
      const levels = await headingLevels(page);
      if (levels[0] !== 1 || levels.filter((l) => l === 1).length !== 1) found.push(`${path}: one h1, first`);
      levels.forEach((level, i) => {
        if (i && level > levels[i - 1] + 1) found.push(`${viewport.width}px ${path}: h${levels[i - 1]} then h${level}`);
      });
    }
    await context.close();
  }));
  console.log(`# axe: ${paths.length} pages x 2 widths = ${paths.length * 2} runs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  assert.deepEqual(found, []);
});

/** Where the focused element and the exit bar are, in the viewport. */
const focusAndBar = (page) => page.evaluate(() => {
  const focused = document.activeElement;
  const bar = document.querySelector('.quick-exit-bar').getBoundingClientRect();
  const box = focused.getBoundingClientRect();
  return {
    what: `${focused.tagName.toLowerCase()} "${(focused.textContent || focused.getAttribute('aria-label') || focused.id).trim().slice(0, 40)}"`,
    inBar: Boolean(focused.closest('.quick-exit-bar')) || focused.classList.contains('skip-link'),
    isStart: focused === document.body,
    top: box.top, bottom: box.bottom, height: box.height, barBottom: bar.bottom, viewport: innerHeight,
  };
});

for (const viewport of [DESKTOP, ZOOMED]) {
  test(`Shift+Tab through every page type at ${viewport.width}x${viewport.height} never leaves focus under the exit bar`, async () => {
    const context = await site.browser.newContext({ viewport });
    const page = await context.newPage();
    let steps = 0;
    const hidden = [];
    for (const [type, path] of Object.entries(PAGE_TYPES)) {
      await page.goto(site.url + path);
      // From the top, Shift+Tab wraps to the last control and walks back up the page.
      for (let i = 0; i < 400; i += 1) {
        await page.keyboard.press('Shift+Tab');
        const at = await focusAndBar(page);
        if (at.isStart || (at.inBar && i > 0 && at.what.includes('Skip to main content'))) break;
        steps += 1;
        if (at.inBar || at.height === 0) continue;
        const room = at.viewport - at.barBottom;
        const clear = at.height <= room ? at.top >= at.barBottom - 0.5 : at.bottom > at.barBottom;
        if (!clear) hidden.push(`${type}: ${at.what} top ${at.top.toFixed(0)} under the bar ending at ${at.barBottom.toFixed(0)}`);
      }
    }
    console.log(`# ${viewport.width}x${viewport.height}: ${steps} focus stops checked on ${Object.keys(PAGE_TYPES).length} page types`);
    assert.deepEqual(hidden, []);
    await context.close();
  });
}

test('headings reached by the skip link or an address with #anchor land below the exit bar at 400% zoom', async () => {
  const context = await site.browser.newContext({ viewport: ZOOMED });
  const page = await context.newPage();
  const path = '/about-neglect/types-of-neglect/';
  await page.goto(site.url + path);
  const ids = await page.locator('main h2[id]').evaluateAll((hs) => hs.map((h) => h.id));
  assert.ok(ids.length >= 3);
  for (const id of ids) {
    await page.goto(`${site.url}${path}#${id}`);
    const { top, barBottom } = await page.evaluate((target) => ({
      top: document.getElementById(target).getBoundingClientRect().top,
      barBottom: document.querySelector('.quick-exit-bar').getBoundingClientRect().bottom,
    }), id);
    assert.ok(top >= barBottom, `#${id} starts at ${top}px, under the bar ending at ${barBottom}px`);
  }
  await page.goto('about:blank');
  await page.goto(site.url + path);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const main = await page.evaluate(() => document.querySelector('main').getBoundingClientRect().top);
  const bar = await page.evaluate(() => document.querySelector('.quick-exit-bar').getBoundingClientRect().bottom);
  assert.ok(main >= bar - 0.5, 'the skip link brings the content out from under the bar');
  await context.close();
});

/** The contrast between the focused element's text and the colour behind it. */
const focusedContrast = (page) => page.evaluate(() => {
  const rgb = (colour) => colour.match(/[\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const focused = document.activeElement;
  let behind = focused;
  while (behind && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) behind = behind.parentElement;
  const back = behind ? rgb(getComputedStyle(behind).backgroundColor) : [255, 255, 255];
  const text = rgb(getComputedStyle(focused).color);
  const [light, dark] = [luminance(text), luminance(back)].sort((a, b) => b - a);
  return { what: `${focused.tagName.toLowerCase()} "${focused.textContent.trim().slice(0, 30)}"`, ratio: (light + 0.05) / (dark + 0.05) };
});

test('every control keeps 4.5:1 contrast while it has focus, on every page type', async () => {
  const context = await site.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const low = [];
  let checked = 0;
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    await page.goto(site.url + path);
    for (let i = 0; i < 400; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement === document.body)) break;
      const { what, ratio } = await focusedContrast(page);
      checked += 1;
      if (ratio < 4.5) low.push(`${type}: ${what} ${ratio.toFixed(2)}:1`);
    }
  }
  console.log(`# focus contrast checked on ${checked} focus stops`);
  assert.deepEqual(low, []);
  await context.close();
});

test('the skip link moves focus to the content without painting it yellow', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/worried/`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const main = await page.evaluate(() => ({ id: document.activeElement.id, background: getComputedStyle(document.activeElement).backgroundColor }));
  assert.deepEqual(main, { id: 'main', background: 'rgba(0, 0, 0, 0)' });
  await page.close();
});

test('breadcrumb links are at least 24px tall and wide to tap at 320px, on every page type', async () => {
  const page = await site.browser.newPage({ viewport: { width: 320, height: 640 } });
  const small = [];
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    await page.goto(site.url + path);
    const boxes = await page.locator('.breadcrumbs a').evaluateAll((links) =>
      links.map((a) => ({ text: a.textContent, ...a.getBoundingClientRect().toJSON() })));
    for (const box of boxes) {
      if (box.height < 24 || box.width < 24) small.push(`${type}: "${box.text}" ${box.width.toFixed(0)}x${box.height.toFixed(0)}`);
    }
  }
  assert.deepEqual(small, []);
  await page.close();
});

test('a screen reader hears the breadcrumb trail without its separators', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/signs/12-plus/nutritional/`);
  const trail = await page.getByRole('navigation', { name: 'Breadcrumb' }).ariaSnapshot();
  assert.doesNotMatch(trail, /[›»|]|listitem: >/, trail);
  assert.match(trail, /link "Signs of neglect by age"/);
  assert.match(trail, /listitem: Nutritional neglect in young people \(12 and over\)/);
  await page.close();
});

test('the exit bar is a landmark of its own, named Quick exit, holding both ways out', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/`);
  const region = page.getByRole('region', { name: 'Quick exit' });
  assert.equal(await region.getByRole('button', { name: 'Exit this page' }).count(), 1);
  assert.equal(await region.getByRole('link', { name: 'Exit this page' }).count(), 1);
  await page.close();
});

test('the directory says what happened to a postcode or a location where screen readers hear it', async () => {
  const context = await site.browser.newContext({ permissions: [] });
  const page = await context.newPage();
  await page.goto(`${site.url}/directory/`);
  const message = page.locator('#filter-location-status');
  assert.equal(await message.getAttribute('role'), 'status');
  await page.getByLabel('The first part of your postcode, such as EB1').fill('ZZ99');
  await assert.doesNotReject(() => page.getByRole('status').filter({ hasText: 'We could not find ZZ99' }).waitFor());
  await page.getByLabel('The first part of your postcode, such as EB1').fill('');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByRole('status').filter({ hasText: 'Your location could not be found' }).waitFor();
  await context.close();
});
