// One page of the site in the tab's history (README "One page of the site in history"),
// tried as a young person reading on a phone they share: after the exit, Back must lead to
// what was open before the site, whatever they read, searched or clicked on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { exampleSite, buildSite, serve, writeSite } from './harness.mjs';
import { NEUTRAL, BEFORE, fakeOtherSites, tabFromBefore, leftForNeutral, mainNavLink } from './safety-helpers.mjs';

const site = exampleSite({ before, after });

async function freshContext(options = {}) {
  const context = await site.browser.newContext(options);
  await fakeOtherSites(context);
  return context;
}

const historyLength = (page) => page.evaluate(() => history.length);
const exitButton = (page) => page.getByRole('button', { name: 'Exit this page' });
const backLink = (page) => page.locator('a.back-link');

/** Clicks a link as a reader would and waits for the page it leads to. */
async function follow(page, link, path) {
  await link.click();
  await page.waitForURL((url) => url.pathname === path);
  await page.waitForLoadState('domcontentloaded');
}

/** Walks Back until the browser can go no further; returns every address passed. */
async function walkBack(page) {
  const seen = [];
  while (await page.goBack({ timeout: 5000 })) seen.push(page.url());
  return seen;
}

test('read three pages, search, press the exit: Back leads to the page before the site, and nothing of the site is left', async () => {
  const context = await freshContext({ viewport: { width: 375, height: 667 } });
  const page = await tabFromBefore(context, `${site.url}/`);
  const start = await historyLength(page);
  await follow(page, await mainNavLink(page, 'Worried about a friend?'), '/young-people/');
  await follow(page, page.locator('main a[href="/young-people/helping-a-friend/"]').first(), '/young-people/helping-a-friend/');
  await follow(page, await mainNavLink(page, 'Signs of neglect by age'), '/signs/');
  assert.equal(await historyLength(page), start, 'reading added no history');

  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.fill('home alone at night');
  await box.press('Enter');
  await page.waitForURL((url) => url.pathname === '/search/');
  assert.equal(await historyLength(page), start, 'searching added no history');

  await exitButton(page).click();
  await leftForNeutral(page);
  assert.equal(await historyLength(page), start);
  const back = await walkBack(page);
  assert.deepEqual(back, [BEFORE], 'Back shows the page before the site, and then nothing');
  await context.close();
});

test('the Back link goes to the page read before, and from there to the one before that', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/`);
  assert.equal(await backLink(page).count(), 0, 'no Back link on the first page read');
  await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worried about a friend?' }), '/young-people/');
  await follow(page, page.locator('main a[href="/signs/12-plus/supervision/"]').first(), '/signs/12-plus/supervision/');
  const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  const back = breadcrumbs.getByRole('link', { name: 'Back to Worried about a friend?' });
  assert.ok(await back.isVisible(), 'the Back link is in the breadcrumbs');
  assert.equal(await breadcrumbs.locator('a').first().textContent(), 'Back to Worried about a friend?');
  assert.ok((await back.innerText()).startsWith('Back'), 'it reads "Back"');
  await follow(page, back, '/young-people/');
  await follow(page, page.getByRole('link', { name: 'Back to Neglect – spot it, say it' }), '/');
  assert.equal(await backLink(page).count(), 0, 'back where the reading started');
  await exitButton(page).click();
  await leftForNeutral(page);
  assert.deepEqual(await walkBack(page), [BEFORE]);
  await context.close();
});

test('on a page without breadcrumbs the Back link sits above the page', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/worried/`);
  await follow(page, page.locator('.site-title'), '/');
  const nav = page.getByRole('navigation', { name: 'Back' });
  assert.equal(await nav.getByRole('link').textContent(), 'Back to Worried about a child?');
  await follow(page, nav.getByRole('link'), '/worried/');
  await context.close();
});

test('after a reload the Back link still leads to the page read before', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/about/`);
  await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find local support' }), '/directory/');
  await page.reload();
  await follow(page, page.getByRole('link', { name: /^Back to / }), '/about/');
  await context.close();
});

test('links within a page (skip link, contents) move focus and scroll, and add no history', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/about-neglect/`);
  await follow(page, page.locator('main a[href="/about-neglect/types-of-neglect/"]').first(), '/about-neglect/types-of-neglect/');
  const start = await historyLength(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'the skip link moves focus to the content');
  const contents = page.locator('.toc a').nth(2);
  const target = (await contents.getAttribute('href')).slice(1);
  await contents.click();
  await page.waitForURL(`**#${target}`);
  const top = await page.locator(`[id="${target}"]`).evaluate((el) => el.getBoundingClientRect().top);
  const bar = await page.getByRole('region', { name: 'Quick exit' }).evaluate((el) => el.getBoundingClientRect().bottom);
  assert.ok(top >= bar, `the heading (top ${top}) is below the exit bar (bottom ${bar})`);
  assert.equal(await historyLength(page), start);
  assert.equal(await page.getByRole('link', { name: 'Back to About neglect' }).count(), 1, 'the Back link survives');
  await context.close();
});

test('links opened in a new tab or window leave this tab as it was', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/`);
  const start = await historyLength(page);
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signs of neglect by age' });
  for (const how of [{ modifiers: ['ControlOrMeta'] }, { button: 'middle' }, { modifiers: ['Shift'] }]) {
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click(how)]);
    await opened.waitForLoadState();
    assert.equal(new URL(opened.url()).pathname, '/signs/', JSON.stringify(how));
    await opened.close();
  }
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await historyLength(page), start);
  await context.close();
});

test('links to other websites and downloads are left to the browser', async () => {
  const context = await freshContext();
  await context.route('https://www.gov.uk/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>GOV.UK</title>' }));
  const page = await tabFromBefore(context, `${site.url}/about-neglect/what-is-neglect/`);
  const start = await historyLength(page);
  await page.locator('main a[href^="https://www.gov.uk/"]').first().click();
  await page.waitForURL('https://www.gov.uk/**');
  assert.equal(await historyLength(page), start + 1, 'another website is a new entry, as browsers do');
  await page.goBack();
  assert.equal(new URL(page.url()).pathname, '/about-neglect/what-is-neglect/');

  // A site's own template may offer a file to download; the browser saves it, the page stays.
  await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<a id="file" href="/api/services.json" download>Services</a>'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#file').click()]);
  assert.equal(download.suggestedFilename(), 'services.json');
  assert.equal(new URL(page.url()).pathname, '/about-neglect/what-is-neglect/');
  await context.close();
});

test('the directory filters narrow the list without adding history', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/directory/`);
  const start = await historyLength(page);
  await page.getByLabel('What would help?').selectOption({ index: 1 });
  await page.getByLabel('free', { exact: true }).check();
  await page.getByLabel('The first part of your postcode, such as EB1').fill('EB3');
  await page.getByLabel('The first part of your postcode, such as EB1').press('Enter');
  await page.waitForTimeout(200);
  assert.equal(new URL(page.url()).pathname, '/directory/');
  assert.equal(await historyLength(page), start);
  await context.close();
});

test('without the Navigation API pages still replace each other, with no Back link', async () => {
  const context = await freshContext();
  await context.addInitScript(() => Object.defineProperty(window, 'navigation', { value: undefined }));
  const page = await tabFromBefore(context, `${site.url}/`);
  const start = await historyLength(page);
  await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worried about a friend?' }), '/young-people/');
  await follow(page, page.locator('main a[href="/young-people/helping-a-friend/"]').first(), '/young-people/helping-a-friend/');
  assert.equal(await historyLength(page), start);
  assert.equal(await backLink(page).count(), 0);
  await exitButton(page).click();
  await leftForNeutral(page);
  assert.deepEqual(await walkBack(page), [BEFORE]);
  await context.close();
});

test('without JavaScript every page stays in history, so Back after the exit returns to the site', async () => {
  const context = await freshContext({ javaScriptEnabled: false });
  const page = await tabFromBefore(context, `${site.url}/`);
  await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worried about a friend?' }), '/young-people/');
  await exitButton(page).click();
  await leftForNeutral(page);
  const back = await walkBack(page);
  assert.deepEqual(back.map((url) => (url.startsWith(site.url) ? new URL(url).pathname : url)), ['/young-people/', '/', BEFORE]);
  await context.close();
});

test('with one_page_in_history: false every page stays in history, and the exit still replaces the page it leaves', async () => {
  const root = writeSite({
    'site.yaml': 'title: Fixture\nbase_url: https://fixture.example.org/\npartnership: Fixture Partnership\nquick_exit:\n  one_page_in_history: false\n',
    'content/_index.md': '---\ntitle: Home\n---\nRead [about us](about.md).\n',
    'content/about.md': '---\ntitle: About us\n---\nBack [home](_index.md).\n',
  });
  const server = await serve(buildSite(root));
  const context = await freshContext();
  const page = await tabFromBefore(context, `${server.url}/`);
  await follow(page, page.locator('main').getByRole('link', { name: 'about us' }).first(), '/about/');
  assert.equal(await backLink(page).count(), 0);
  await exitButton(page).click();
  await leftForNeutral(page);
  assert.deepEqual(await walkBack(page), [`${server.url}/`, BEFORE]);
  await context.close();
  server.close();
});

test(`the exit never leaves the tab's history longer than before the site, and the neutral site is ${NEUTRAL}`, async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/voices/`);
  const start = await historyLength(page);
  for (const path of ['/signs/', '/directory/', '/staying-safe-online/']) {
    await follow(page, page.locator(`a[href="${path}"]`).first(), path);
  }
  await exitButton(page).click();
  await leftForNeutral(page);
  assert.equal(page.url(), NEUTRAL);
  assert.equal(await historyLength(page), start);
  await context.close();
});
