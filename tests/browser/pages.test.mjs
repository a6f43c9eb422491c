// The example site's pages in a real browser: readable, accessible, and private.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { exampleSite, axeViolations } from './harness.mjs';

const pages = {
  home: '/',
  section: '/about-neglect/',
  guidance: '/about-neglect/what-is-neglect/',
  signsMatrix: '/signs/',
  signsBand: '/signs/5-11/',
  signsCategory: '/signs/type/nutritional/',
  signsCell: '/signs/12-plus/nutritional/',
  voices: '/voices/',
  youngPeople: '/young-people/',
  directory: '/directory/',
  directoryCategory: '/directory/category/food/',
  service: '/directory/north-family-hub/',
  search: '/search/#q=hungry',
  stayingSafe: '/staying-safe-online/',
  notFound: '/no-such-page/',
};

const site = exampleSite({ before, after });

for (const [kind, path] of Object.entries(pages)) {
  test(`${kind} page has no axe violations and makes no request to another origin`, async () => {
    const context = await site.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const foreign = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(site.url)) foreign.push(request.url());
    });
    await page.goto(site.url + path);
    assert.deepEqual(foreign, [], 'requests to other origins');
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
}

test('every page shows the help contacts as tap-to-call links', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + pages.guidance);
  const childline = page.getByRole('link', { name: '0800 1111' });
  assert.equal(await childline.getAttribute('href'), 'tel:08001111');
  assert.ok(await page.getByRole('heading', { name: 'Worried about a child?' }).isVisible());
  await page.close();
});

test('the skip link is the first thing the keyboard reaches and moves focus to the content', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + pages.guidance);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.textContent.trim());
  assert.equal(focused, 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.close();
});

for (const kind of ['guidance', 'signsMatrix', 'signsCell', 'voices', 'directory', 'service']) {
  test(`the ${kind} page is readable at 320px without sideways scrolling`, async () => {
    const page = await site.browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(site.url + pages[kind]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await page.close();
  });
}

test('the matrix is a table a screen reader can navigate, and its cells lead to the signs', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + pages.signsMatrix);
  const table = page.getByRole('table', { name: 'Signs of neglect by age and type of neglect' });
  assert.equal(await table.getByRole('columnheader').count(), 6);
  assert.equal(await table.getByRole('rowheader').count(), 5);
  await table.getByRole('link', { name: 'Signs of nutritional neglect: Young people (12 and over)' }).click();
  await page.waitForURL('**/signs/12-plus/nutritional/');
  assert.ok(await page.getByRole('heading', { level: 1 }).textContent());
  await page.close();
});

test('the directory filters narrow the list and say how many match', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + pages.directory);
  const count = page.locator('#result-count');
  const number = async () => Number((await count.textContent()).match(/^\d+/)[0]);
  // Runs `action` and waits for the announced count to change.
  const after = async (action) => {
    const before = await count.textContent();
    await action();
    await page.waitForFunction((text) => document.getElementById('result-count').textContent !== text, before);
    return number();
  };
  const total = await number();
  const food = await after(() => page.getByLabel('What would help?').selectOption({ label: 'Food banks and food help' }));
  assert.ok(food > 0 && food < total, `${food} of ${total}`);
  const freeFood = await after(() => page.getByLabel('free', { exact: true }).check());
  assert.ok(freeFood < food, 'paid food services are hidden');
  assert.equal(await page.locator('.service-card:not([hidden])').count(), Math.min(freeFood, PAGE_SIZE));
  await after(() => page.getByLabel('free', { exact: true }).uncheck());
  await after(() => page.getByLabel('What would help?').selectOption(''));
  const teens = await after(() => page.getByLabel('Your child\'s age in years').fill('16'));
  assert.ok(teens < total, 'services for younger children are hidden');
  await page.close();
});

/** The example site's page size (site.yaml leaves the default). */
const PAGE_SIZE = 12;

test('the services a filter matches, from every page of the directory, show a page at a time, by keyboard too', async () => {
  const context = await site.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(site.url + pages.directory);
  const onThisPage = await page.locator('.service-card').allTextContents();
  await page.getByLabel('Your child\'s age in years').fill('3');
  const count = page.locator('#result-count');
  await page.waitForFunction(() => /match/.test(document.getElementById('result-count').textContent));
  const matching = Number((await count.textContent()).match(/^\d+/)[0]);
  assert.ok(matching > PAGE_SIZE, `${matching} services match, more than a page`);
  const shown = () => page.locator('#service-list .service-card').evaluateAll((cards) => cards.map((c) => c.dataset.id));
  const first = await shown();
  assert.equal(first.length, PAGE_SIZE);
  assert.ok(!(await page.getByRole('link', { name: 'Next page' }).isVisible()), "the page's own pager is put away");
  const nav = page.getByRole('navigation', { name: 'Pages of services' });
  assert.ok(!(await nav.getByRole('button', { name: 'Previous page' }).isVisible()), 'no previous page on the first');
  await nav.getByRole('button', { name: 'Next page' }).focus();
  await page.keyboard.press('Enter');
  const second = await shown();
  assert.ok(second.length > 0 && second.length <= PAGE_SIZE);
  assert.deepEqual(second.filter((id) => first.includes(id)), [], 'the next page shows other services');
  const focused = await page.evaluate(() => document.activeElement.closest('.service-card')?.dataset.id);
  assert.equal(focused, second[0], 'the keyboard lands on the first service of the new page');
  let seen = first.length + second.length;
  while (await nav.getByRole('button', { name: 'Next page' }).isVisible()) {
    await nav.getByRole('button', { name: 'Next page' }).click();
    seen += (await shown()).length;
  }
  assert.equal(seen, matching, 'every match is on one page or another');
  assert.deepEqual(await axeViolations(page), []);
  await nav.getByRole('button', { name: 'Previous page' }).click();
  await page.getByLabel('Your child\'s age in years').fill('');
  await page.waitForFunction((size) => document.querySelectorAll('#service-list .service-card').length === size, onThisPage.length);
  assert.deepEqual(await page.locator('.service-card').allTextContents(), onThisPage, 'with no filter, the page comes back');
  assert.ok(await page.getByRole('link', { name: 'Next page' }).isVisible(), 'and its own pager');
  assert.ok(!(await nav.getByRole('button', { name: 'Next page' }).isVisible()), 'the buttons are put away');
  await context.close();
});

test('distance from a postcode district sorts the nearest first, with no request elsewhere', async () => {
  const page = await site.browser.newPage();
  const foreign = [];
  page.on('request', (request) => { if (!request.url().startsWith(site.url)) foreign.push(request.url()); });
  await page.goto(site.url + pages.directory);
  await page.getByLabel('The first part of your postcode, such as EB1').fill('EB3 4QT');
  await page.getByLabel('Within').selectOption('3');
  await page.locator('.service-card:not([hidden]) .distance:not([hidden])').first().waitFor();
  const distances = await page.locator('.service-card:not([hidden]) .distance:not([hidden])').allTextContents();
  const miles = distances.map((text) => (text.startsWith('Less') ? 0 : Number(text.match(/\d+/)[0])));
  assert.deepEqual(miles, [...miles].sort((a, b) => a - b), 'nearest first');
  assert.ok(miles.every((m) => m <= 3));
  assert.deepEqual(foreign, []);
  await page.close();
});

test('without JavaScript the directory lists every service and its categories', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url + pages.directory);
  assert.equal(await page.locator('#directory-filters').isVisible(), false, 'no filters that cannot work');
  let listed = await page.locator('.service-card').count();
  while (await page.getByRole('link', { name: 'Next page' }).count()) {
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForLoadState();
    listed += await page.locator('.service-card').count();
  }
  assert.ok(listed >= 40, `${listed} services, page by page`);
  await page.goto(site.url + pages.directory);
  await page.getByText('Browse by need').click();
  await page.getByRole('link', { name: 'Food banks and food help' }).click();
  await page.waitForURL('**/directory/category/food/');
  assert.ok((await page.locator('.service-card').count()) > 0);
  await context.close();
});

test("the visitor's own location sorts the directory by distance, and stays on the device", async () => {
  const context = await site.browser.newContext({ geolocation: { latitude: 53.0225, longitude: -2.178 }, permissions: ['geolocation'] });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (request) => { if (!request.url().startsWith(site.url)) foreign.push(request.url()); });
  await page.goto(site.url + pages.directory);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByText('Showing the nearest services first').waitFor();
  const first = await page.locator('.service-card:not([hidden]) .distance:not([hidden])').first().textContent();
  assert.match(first, /Less than 1 mile away|About \d+ miles? away/);
  assert.deepEqual(foreign, []);
  await context.close();
});
