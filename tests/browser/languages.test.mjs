// The example site in Polish and Arabic, as its readers meet it: the right-to-left pages pass
// axe at 320px and 1280px and mirror, phone numbers read left to right, the quick exit works
// and speaks in every language (and Back does not return to the site), the switcher leads to
// the same page in another language, and search finds a page by a word in the reader's own
// language. Screenshots of the Arabic pages at 375px and 1280px are saved for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSite, repo } from './harness.mjs';
import { NEUTRAL, BEFORE, fakeOtherSites, tabFromBefore, leftForNeutral, axeViolations } from './safety-helpers.mjs';

const site = exampleSite({ before, after });

/** The Arabic pages: each kind the example site translates. */
const ARABIC = {
  home: '/ar/', section: '/ar/worried/', guidance: '/ar/worried/what-to-do/', 'young people': '/ar/young-people/',
  'signs matrix': '/ar/signs/', 'signs cell': '/ar/signs/12-plus/nutritional/', directory: '/ar/directory/',
  service: '/ar/directory/childline/', voices: '/ar/voices/', search: '/ar/search/',
};

async function freshContext(options = {}) {
  const context = await site.browser.newContext(options);
  await fakeOtherSites(context);
  return context;
}

test('the Arabic pages have no axe violations at 320px and 1280px', async () => {
  const found = [];
  for (const viewport of [{ width: 320, height: 640 }, { width: 1280, height: 800 }]) {
    const context = await site.browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    for (const path of Object.values(ARABIC)) {
      await page.goto(site.url + path);
      for (const v of await axeViolations(page)) found.push(`${viewport.width}px ${path} ${v}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      if (overflow > 0) found.push(`${viewport.width}px ${path}: ${overflow}px too wide`);
    }
    await context.close();
  }
  assert.deepEqual(found, []);
});

test('a right-to-left page mirrors: the exit button, the help box\'s rule and the matrix start on the right', async () => {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${site.url}/ar/signs/`);
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  const box = (selector) => page.locator(selector).first().boundingBox();
  const exit = await box('.quick-exit');
  assert.ok(exit.x < 640, `the exit button is at the end of the bar, on the left: x=${exit.x}`);
  const title = await box('.site-title');
  assert.ok(title.x + title.width > 640, 'the site title starts on the right');
  const rowHeader = await box('.matrix tbody th');
  const lastCell = await box('.matrix tbody tr td:last-child');
  assert.ok(rowHeader.x > lastCell.x, 'the age band column is on the right of the matrix');
  const rule = await page.locator('.help').evaluate((el) => getComputedStyle(el).borderRightWidth);
  assert.equal(rule, '6px', 'the help box\'s rule is on its start side, the right');
  await page.goto(`${site.url}/ar/directory/`);
  const card = await box('.service-card');
  const list = await box('#service-list');
  assert.ok(card.x + card.width >= list.x + list.width - 1, 'the first card is on the right');
  await page.close();
});

test('phone numbers read left to right inside Arabic sentences', async () => {
  const page = await site.browser.newPage({ viewport: { width: 700, height: 800 } });
  await page.goto(`${site.url}/ar/worried/what-to-do/`);
  const order = async (number) => page.evaluate((wanted) => {
    const element = [...document.querySelectorAll('main span[dir=ltr]')].find((e) => e.textContent === wanted);
    const text = element.firstChild;
    const [first, last] = [wanted.indexOf(' '), wanted.lastIndexOf(' ')];
    const x = (start, end) => {
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, end);
      return range.getBoundingClientRect().x;
    };
    return { first: x(0, first), last: x(last + 1, wanted.length) };
  }, number);
  for (const number of ['0808 800 5000', '01632 960 123']) {
    const { first, last } = await order(number);
    assert.ok(first < last, `${number}: its first group is on the left (${first} < ${last})`);
  }
  await page.close();
});

for (const [language, path, button] of [
  ['Arabic', '/ar/worried/what-to-do/', 'اخرج من هذه الصفحة'],
  ['Polish', '/pl/young-people/', 'Opuść tę stronę'],
]) {
  test(`the exit button works on a page in ${language}, and Back does not return to the site`, async () => {
    const context = await freshContext();
    const page = await tabFromBefore(context, site.url + path);
    await page.getByRole('region', { name: language === 'Arabic' ? 'الخروج السريع' : 'Szybkie wyjście' })
      .getByRole('button', { name: button }).click();
    await leftForNeutral(page);
    assert.equal(page.url(), NEUTRAL);
    await page.goBack();
    assert.equal(page.url(), BEFORE, 'Back leads to the page before the site');
    await context.close();
  });
}

test('Shift three times leaves an Arabic page, and what is announced is in Arabic', async () => {
  const context = await freshContext({ viewport: { width: 1280, height: 800 } });
  const page = await tabFromBefore(context, `${site.url}/ar/young-people/`);
  await page.keyboard.press('Shift');
  await page.locator('.quick-exit[data-presses="1"]').waitFor();
  assert.equal(await page.locator('#quick-exit-status').textContent(), 'Shift: اضغط مرتين أخريين للخروج.');
  await page.keyboard.press('Shift');
  assert.equal(await page.locator('#quick-exit-status').textContent(), 'Shift: اضغط مرة واحدة أخرى للخروج.');
  await page.keyboard.press('Shift');
  await leftForNeutral(page);
  await page.goBack();
  assert.equal(page.url(), BEFORE);
  await context.close();
});

test('the language switcher leads to the same page in another language', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/worried/what-to-do/`);
  const languages = page.getByRole('navigation', { name: 'Languages' });
  await languages.getByRole('link', { name: 'العربية' }).click();
  await page.waitForURL((url) => url.pathname === '/ar/worried/what-to-do/');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'ماذا تفعل إذا كنت قلقًا');
  await page.getByRole('navigation', { name: 'اللغات' }).getByRole('link', { name: 'Polski' }).click();
  await page.waitForURL((url) => url.pathname === '/pl/worried/what-to-do/');
  assert.match(await page.locator('.translation-note').textContent(), /nikt go jeszcze nie sprawdził/);
  await page.close();
});

test('on a phone the languages share the Menu line, in both directions, and the Menu still opens', async () => {
  const context = await site.browser.newContext({ viewport: { width: 375, height: 667 } });
  const page = await context.newPage();
  for (const [path, menuWord, navName] of [['/worried/', 'Menu', 'Languages'], ['/ar/worried/', 'القائمة', 'اللغات']]) {
    await page.goto(site.url + path);
    const menu = page.getByText(menuWord, { exact: true });
    const languages = page.getByRole('navigation', { name: navName });
    const [menuBox, listBox] = [await menu.boundingBox(), await languages.boundingBox()];
    assert.ok(Math.abs((menuBox.y + menuBox.height / 2) - (listBox.y + listBox.height / 2)) < 8, `${path}: the languages are on the Menu's line`);
    const rtl = path.startsWith('/ar/');
    assert.ok(rtl ? listBox.x + listBox.width <= menuBox.x : listBox.x >= menuBox.x + menuBox.width, `${path}: after the Menu in reading order`);
    await menu.click();
    assert.ok(await page.getByRole('navigation', { name: rtl ? 'القائمة الرئيسية' : 'Main' }).getByRole('link').first().isVisible(), `${path}: the Menu opens`);
  }
  await context.close();
});

for (const [language, path, query, expected] of [
  ['Polish', '/pl/', 'przyjaciel', '/pl/young-people/'],
  ['Arabic', '/ar/', 'صديق', '/ar/young-people/'],
]) {
  test(`search on a ${language} page finds a page by a word in ${language}`, async () => {
    const page = await site.browser.newPage();
    await page.goto(site.url + path);
    const box = page.locator('#site-search-q');
    await box.click();
    await box.pressSequentially(query, { delay: 20 });
    const option = page.getByRole('option').first();
    await option.waitFor();
    const urls = await page.getByRole('option').evaluateAll((options) => options.map((o) => o.dataset.url));
    assert.ok(urls.every((url) => url.startsWith(path)), `only pages in ${language}: ${urls}`);
    assert.ok(urls.some((url) => url.startsWith(expected)), `${expected} among ${urls}`);
    await page.close();
  });
}

test('screenshots of the Arabic pages at 375px and 1280px', async () => {
  const folder = join(repo, 'tests/browser/screenshots');
  mkdirSync(folder, { recursive: true });
  for (const width of [375, 1280]) {
    const page = await site.browser.newPage({ viewport: { width, height: 800 } });
    for (const [name, path] of Object.entries({ home: '/ar/', matrix: '/ar/signs/', directory: '/ar/directory/', guidance: '/ar/worried/what-to-do/' })) {
      await page.goto(site.url + path);
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(folder, `arabic-${name}-${width}.png`), fullPage: name !== 'directory' });
    }
    await page.close();
  }
});
