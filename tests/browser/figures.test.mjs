// Figures in a real browser: the charts on "Neglect in Example Borough", the figures page and a
// figure's own page, as a screen reader, a keyboard user, a phone and a printer meet them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSite, axeViolations, repo } from './harness.mjs';

const LOCAL = '/about-neglect/neglect-in-example-borough/';
const PAGES = { 'figures-in-a-page': LOCAL, 'figures-list': '/figures/', 'figure-page': '/figures/early-help-contacts/' };

const site = exampleSite({ before, after });

for (const [name, path] of Object.entries(PAGES)) {
  for (const width of [320, 1280]) {
    test(`${name} has no axe violations at ${width}px and fits without sideways scrolling`, async () => {
      // axe is injected as a script, which the pages' own policy would (rightly) refuse.
      const context = await site.browser.newContext({ bypassCSP: true, viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(site.url + path);
      assert.deepEqual(await axeViolations(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px too wide at ${width}px`);
      await context.close();
    });
  }
}

/** Every image in the accessibility tree, with the name and description a screen reader reads. */
async function images(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes
    .filter((node) => node.role?.value === 'image' && !node.ignored)
    .map((node) => ({ name: node.name?.value, description: node.description?.value }));
}

test('each chart is an image whose name is its title and whose description is the summary', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + LOCAL);
  const charts = await images(page);
  assert.equal(charts.length, 6, JSON.stringify(charts));
  assert.deepEqual(charts.find((c) => c.name === 'Column chart: Early help contacts where neglect was the main concern'), {
    name: 'Column chart: Early help contacts where neglect was the main concern',
    description: 'Early help contacts where neglect was the main concern rose from 73 in 2019/20 to 195 in 2023/24.',
  });
  assert.deepEqual(charts.find((c) => c.name.startsWith('A village of 100: Children in the UK')), {
    name: 'A village of 100: Children in the UK who have experienced neglect',
    description: 'Children in the UK who have experienced neglect: out of every 100 children, 10 have experienced neglect and 90 have not.',
  });
  const headline = charts.find((c) => c.name === 'Headline figure: Child protection plans under the category of neglect');
  assert.equal(headline.description, 'Child protection plans under the category of neglect: 52% in 2024, up 3 percentage points on 2023 (49%).');
  // The summary is also printed under each chart for everyone.
  assert.ok(await page.getByText(headline.description, { exact: true }).isVisible());
  await page.close();
});

test('the numbers open as a real table from the keyboard', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + LOCAL);
  const figure = page.locator('figure.figure-column');
  const table = figure.getByRole('table', { name: 'Early help contacts where neglect was the main concern' });
  assert.equal(await table.isVisible(), false, 'the table starts collapsed');
  const opener = figure.getByText('Show the numbers as a table');
  await opener.focus();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
  await page.keyboard.press('Enter');
  assert.ok(await table.isVisible());
  assert.deepEqual(await table.getByRole('columnheader').allTextContents(), ['Year', 'Contacts']);
  assert.deepEqual(await table.getByRole('rowheader').allTextContents(), ['2019/20', '2020/21', '2021/22', '2022/23', '2023/24']);
  assert.equal(await table.getByRole('cell').last().textContent(), '195');
  await page.close();
});

test('charts need no JavaScript', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url + LOCAL);
  assert.equal(await page.locator('svg.chart').count(), 6);
  assert.ok(await page.locator('svg.chart-column').isVisible());
  await context.close();
});

test('the figures pages keep to their Content-Security-Policy and ask no other website for anything', async () => {
  const page = await site.browser.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('request', (request) => { if (!request.url().startsWith(site.url)) problems.push(request.url()); });
  for (const path of Object.values(PAGES)) await page.goto(site.url + path);
  assert.deepEqual(problems, []);
  await page.close();
});

/** WCAG relative luminance and contrast of two CSS rgb() colours. */
function contrast(a, b) {
  const luminance = (rgb) => {
    const [r, g, bl] = rgb.match(/\d+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('chart colours keep 3:1 against the page and each other, on screen and in print', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + LOCAL);
  for (const media of ['screen', 'print']) {
    await page.emulateMedia({ media });
    const fills = await page.evaluate(() => {
      const fill = (selector) => getComputedStyle(document.querySelector(selector)).fill;
      const stroke = (selector) => getComputedStyle(document.querySelector(selector)).stroke;
      return {
        bar: fill('.chart-marks rect'), first: fill('.chart-group-1'), second: fill('.chart-group-2'),
        rest: fill('.chart-rest'), restOutline: stroke('.chart-rest'), text: fill('.chart-labels text'),
      };
    });
    const white = 'rgb(255, 255, 255)';
    assert.ok(contrast(fills.bar, white) >= 3, `${media}: bars ${fills.bar}`);
    assert.ok(contrast(fills.first, white) >= 3, `${media}: first group ${fills.first}`);
    assert.ok(contrast(fills.second, white) >= 3, `${media}: second group ${fills.second}`);
    assert.ok(contrast(fills.first, fills.second) >= 2, `${media}: the two groups differ in lightness, not just hue`);
    assert.ok(contrast(fills.restOutline, white) >= 3, `${media}: the rest's outline ${fills.restOutline}`);
    assert.equal(fills.rest, white, `${media}: the rest are drawn in outline`);
    assert.ok(contrast(fills.text, white) >= 4.5, `${media}: chart text ${fills.text}`);
  }
  await page.close();
});

test('printed, charts are black and white, every table is shown and sources keep their addresses', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + LOCAL);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.quick-exit-bar').isVisible(), false);
  const tables = page.locator('.figure-data table');
  assert.equal(await tables.count(), 6);
  for (let i = 0; i < 6; i += 1) assert.ok(await tables.nth(i).isVisible(), `table ${i} prints`);
  assert.equal(await page.locator('.figure-data summary').first().isVisible(), false);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.chart-marks rect')).fill), 'rgb(0, 0, 0)');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await page.close();
});

test('screenshots of the figures at 375px and 1280px, and printed', async () => {
  const folder = join(repo, 'tests/browser/screenshots');
  mkdirSync(folder, { recursive: true });
  for (const width of [375, 1280]) {
    const page = await site.browser.newPage({ viewport: { width, height: 900 } });
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(site.url + path);
      const file = join(folder, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(readFileSync(file).length > 1000);
    }
    await page.close();
  }
  const page = await site.browser.newPage({ viewport: { width: 800, height: 1100 } });
  await page.goto(site.url + LOCAL);
  await page.emulateMedia({ media: 'print' });
  const file = join(folder, 'figures-in-a-page-print.png');
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(readFileSync(file).length > 1000);
  await page.close();
});

test('a figure page links to its data, which downloads as CSV and JSON', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/figures/`);
  await page.getByRole('main').getByRole('link', { name: 'Early help contacts where neglect was the main concern', exact: true }).click();
  await page.waitForURL('**/figures/early-help-contacts/');
  const csvHref = await page.getByRole('link', { name: /as CSV/ }).getAttribute('href');
  const csv = await (await page.request.get(site.url + csvHref)).text();
  assert.equal(csv.split('\n')[0], 'Year,Contacts');
  const jsonHref = await page.getByRole('link', { name: /as JSON/ }).getAttribute('href');
  const json = await (await page.request.get(site.url + jsonHref)).json();
  assert.equal(json.rows.length, 5);
  assert.equal(json.illustrative, true);
  await page.close();
});
