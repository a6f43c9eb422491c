// A new partnership's first week (issue 18), on a phone and a wide screen: the page's own
// content within the first screen at 375x667, the navigation and the directory's filters folded
// behind disclosures that work without JavaScript, wide tables that scroll inside a named region
// (the signs matrix stacked on a phone), and the width of a 1280px screen used where it helps.
// Prints where the first content starts on each page, for the record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, serve, writeSite, repo } from './harness.mjs';
import { exampleSite } from './harness.mjs';
import { axeViolations } from './safety-helpers.mjs';

const site = exampleSite({ before, after });
const PHONE = { width: 375, height: 667 };
const WIDE = { width: 1280, height: 800 };

/** The top of the first element matching `selector`, in pixels from the top of the page. */
const topOf = (page, selector) => page.locator(selector).first().evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));

// The first thing of the page's own after its title and summary: the home page's first
// paragraph, a guidance page's list of contents (or first paragraph), the first service.
const FIRST_CONTENT = {
  home: { path: '/', first: 'main h1 ~ p:not(.lede)' },
  guidance: { path: '/about-neglect/what-is-neglect/', first: 'main h1 ~ :is(p:not(.lede), nav.toc)' },
  directory: { path: '/directory/', first: '.service-card' },
};

for (const [name, { path, first }] of Object.entries(FIRST_CONTENT)) {
  test(`at 375x667 the ${name} page's own content starts within the first screen`, async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(site.url + path);
      const heading = await topOf(page, 'main h1');
      const content = await topOf(page, first);
      const paragraph = await topOf(page, 'main h1 ~ p:not(.lede), main .service-card');
      console.log(`# ${name} at 375x667${javaScriptEnabled ? '' : ' without JavaScript'}: h1 at ${heading}px, first content at ${content}px, first paragraph or service at ${paragraph}px`);
      assert.ok(content < PHONE.height - 40, `${name}: ${first} starts at ${content}px, below the first screen`);
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().isVisible(), false, 'the navigation is folded away');
      await context.close();
    }
  });
}

test('on a phone the Menu opens and closes the navigation, without JavaScript too', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${site.url}/about-neglect/what-is-neglect/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = nav.getByText('Menu', { exact: true });
    const signs = nav.getByRole('link', { name: 'Signs of neglect by age' });
    assert.equal(await signs.isVisible(), false);
    await menu.focus();
    await page.keyboard.press('Enter');
    assert.ok(await signs.isVisible(), 'Enter on Menu opens it');
    const [menuBox, linkBox] = [await menu.boundingBox(), await signs.boundingBox()];
    assert.ok(linkBox.y > menuBox.y, 'the links open below the Menu');
    await page.keyboard.press('Enter');
    assert.equal(await signs.isVisible(), false, 'and Enter closes it');
    await menu.click();
    await signs.click();
    await page.waitForURL('**/signs/');
    await context.close();
  }
});

test('on a phone the directory lists services first, with the filters and the needs one tap away', async () => {
  const page = await site.browser.newPage({ viewport: PHONE });
  await page.goto(`${site.url}/directory/`);
  const need = page.getByLabel('What would help?');
  assert.equal(await need.isVisible(), false, 'the filters are folded');
  await page.getByText('Find services that fit').click();
  await need.selectOption({ label: 'Food banks and food help' });
  await page.waitForFunction(() => /match/.test(document.getElementById('result-count').textContent));
  const food = page.getByRole('link', { name: 'Food banks and food help', exact: true });
  assert.equal(await food.isVisible(), false, 'the needs are folded');
  await page.getByText('Browse by need').click();
  assert.ok(await food.isVisible());
  await page.close();
});

test('without JavaScript on a phone, Browse by need opens and leads to a need', async () => {
  const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}/directory/`);
  await page.getByText('Browse by need').click();
  await page.getByRole('link', { name: 'Food banks and food help', exact: true }).click();
  await page.waitForURL('**/directory/category/food/');
  await context.close();
});

test('at 1280px the navigation is open, the filters sit beside the services in columns, and the help box beside the page', async () => {
  const page = await site.browser.newPage({ viewport: WIDE });
  await page.goto(`${site.url}/directory/`);
  assert.equal(await page.getByText('Menu', { exact: true }).isVisible(), false, 'no Menu line');
  assert.ok(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signs of neglect by age' }).isVisible());
  const filters = await page.getByLabel('What would help?').boundingBox();
  const cards = page.locator('.service-card');
  const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
  assert.ok(filters.x + filters.width <= first.x, 'the filters are to the left of the services');
  assert.ok(filters.y < first.y + first.height, 'beside them, not above');
  assert.equal(Math.round(first.y), Math.round(second.y), 'two services side by side');
  console.log(`# directory at 1280x800: first service at ${Math.round(first.y)}px`);
  await page.goto(`${site.url}/about-neglect/what-is-neglect/`);
  const main = await page.locator('main').boundingBox();
  const help = await page.locator('.help').boundingBox();
  assert.ok(help.x >= main.x + main.width, 'the help box is beside the page');
  assert.ok(help.y < WIDE.height, 'and in the first screen');
  await page.close();
});

test('the signs matrix stacks on a phone, each square labelled, and is a table on a wide screen', async () => {
  const page = await site.browser.newPage({ viewport: PHONE });
  await page.goto(`${site.url}/signs/`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
  const region = page.getByRole('region', { name: 'Signs of neglect by age and type of neglect' });
  assert.equal(await region.evaluate((el) => el.scrollWidth - el.clientWidth), 0, 'nothing to scroll sideways');
  const cell = page.locator('td[data-label="Nutritional neglect"]').first();
  assert.equal(await cell.evaluate((el) => getComputedStyle(el, '::before').content), '"Nutritional neglect"');
  const caption = await page.locator('#matrix-caption').evaluate((el) => el.closest('.table-scroll') === null);
  assert.ok(caption, 'the caption is outside the scrolling part');
  await page.setViewportSize(WIDE);
  const table = page.getByRole('table', { name: 'Signs of neglect by age and type of neglect' });
  assert.equal(await table.getByRole('columnheader').count(), 6);
  assert.ok(await table.getByRole('columnheader', { name: 'Medical neglect' }).isVisible());
  await page.close();
});

const WIDE_TABLE = {
  'site.yaml': 'title: Tables\nbase_url: https://tables.example.org/\npartnership: Tables Partnership\nhelp_contacts:\n  - label: Childline\n    phone: 0800 1111\n',
  'content/_index.md': '---\ntitle: Home\n---\nSee [the figures](figures.md).\n',
  'content/figures.md': `---\ntitle: Local figures\n---\n## Contacts\n\nTable: Early help contacts where neglect was the main concern, by year\n\n| Area | 2019/20 | 2020/21 | 2021/22 | 2022/23 | 2023/24 | Change over five years |\n|---|--:|--:|--:|--:|--:|---|\n| North of the borough, including the villages | 73 | 98 | 121 | 147 | 195 | Up by more than half again |\n| South of the borough, including the town centre | 64 | 80 | 99 | 130 | 170 | Up by more than half again |\n`,
};

test('a wide Markdown table scrolls sideways in a region named by its caption, with a cue, from the keyboard too', async () => {
  const server = await serve(buildSite(writeSite(WIDE_TABLE)));
  try {
    for (const viewport of [PHONE, { width: 320, height: 640 }]) {
      const context = await site.browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/figures/`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'the page itself does not scroll sideways');
      const region = page.getByRole('region', { name: 'Early help contacts where neglect was the main concern, by year' });
      assert.ok(await region.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table is wider than the screen');
      const caption = page.getByText('Early help contacts where neglect was the main concern, by year');
      const [captionBox, regionBox] = [await caption.boundingBox(), await region.boundingBox()];
      assert.ok(captionBox.y + captionBox.height <= regionBox.y, 'the caption is above the scrolling part');
      assert.ok(captionBox.x + captionBox.width <= viewport.width, 'and not cut off');
      const cue = await region.evaluate((el) => getComputedStyle(el).backgroundImage);
      assert.match(cue, /radial-gradient/, 'a shadow says there is more to the side');
      await region.focus();
      assert.equal(await region.evaluate((el) => el === document.activeElement), true, 'the keyboard reaches it');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.table-scroll').scrollLeft > 0);
      assert.deepEqual(await axeViolations(page, '/figures/'), []);
      await context.close();
    }
  } finally {
    server.close();
  }
});

test('screenshots at 375px and 1280px: home, directory, a service, the signs matrix and a young people\'s page', async () => {
  const folder = join(repo, 'tests/browser/screenshots');
  mkdirSync(folder, { recursive: true });
  const pages = {
    home: '/', directory: '/directory/', service: '/directory/family-help-team/', 'signs-matrix': '/signs/',
    'young-people-page': '/young-people/helping-a-friend/',
  };
  for (const viewport of [PHONE, WIDE]) {
    const page = await site.browser.newPage({ viewport });
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(site.url + path);
      await page.screenshot({ path: join(folder, `first-week-${name}-${viewport.width}.png`), fullPage: true });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, `${name} at ${viewport.width}px`);
    }
    await page.close();
  }
});
