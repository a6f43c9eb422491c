// "Staying safe online" (content/staying-safe-online.md), read by a young person who then does
// what it says. Each test quotes the sentence it holds the site to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { exampleSite, repo } from './harness.mjs';
import { NEUTRAL, BEFORE, fakeOtherSites, tabFromBefore, leftForNeutral, everyPage, isBlank } from './safety-helpers.mjs';

const site = exampleSite({ before, after });
const PAGE = '/staying-safe-online/';

async function freshContext(options = {}, fakes = {}) {
  const context = await site.browser.newContext(options);
  await fakeOtherSites(context, fakes);
  return context;
}

const exitButton = (page) => page.getByRole('button', { name: 'Exit this page' });

/** Walks Back until the browser can go no further; returns every address passed. */
async function walkBack(page) {
  const seen = [];
  while (await page.goBack({ timeout: 5000 })) seen.push(page.url());
  return seen;
}

async function readThePage(context) {
  const page = await tabFromBefore(context, site.url + PAGE);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Staying safe online');
  return page;
}

test('"At the top of every page there is a red Exit this page button."', async () => {
  const context = await freshContext({ viewport: { width: 375, height: 667 } });
  const page = await context.newPage();
  const paths = await everyPage(site.url);
  for (const path of paths) {
    await page.goto(site.url + path);
    // In the page's language: "Exit this page", "Opuść tę stronę", "اخرج من هذه الصفحة".
    const button = page.locator('a.quick-exit[role="button"]');
    const box = await button.boundingBox();
    assert.ok(box && box.y < 60, `${path}: at the top`);
    const [r, g, b] = (await button.evaluate((el) => getComputedStyle(el).backgroundColor)).match(/\d+/g).map(Number);
    assert.ok(r > 180 && g < 80 && b < 60, `${path}: red, not rgb(${r}, ${g}, ${b})`);
  }
  await context.close();
});

test('"Press it and this page goes blank at once. Then the BBC Weather website opens in its place."', async () => {
  const context = await freshContext({}, { neutralDelayMs: 2000 });
  const page = await readThePage(context);
  const box = await exitButton(page).boundingBox();
  await page.mouse.click(box.x + 5, box.y + 5);
  assert.ok(await isBlank(page), 'blank before the weather arrives');
  await leftForNeutral(page);
  assert.equal(page.url(), NEUTRAL);
  await context.close();
});

test('"press the Shift key 3 times. Each press lights up one of the 3 dots on the button."', async () => {
  const context = await freshContext();
  const page = await readThePage(context);
  const dots = () => page.locator('.quick-exit-lights span').evaluateAll((all) =>
    all.filter((dot) => dot.checkVisibility() && getComputedStyle(dot).backgroundColor !== 'rgba(0, 0, 0, 0)').length);
  assert.equal(await dots(), 0);
  await page.keyboard.press('Shift');
  assert.equal(await dots(), 1);
  await page.keyboard.press('Shift');
  assert.equal(await dots(), 2);
  await page.keyboard.press('Shift');
  await leftForNeutral(page);
  await context.close();
});

test('"If you wait more than 5 seconds between presses, the dots go out and you need to start again."', async () => {
  const context = await freshContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(site.url + PAGE);
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.clock.fastForward(5001);
  assert.equal(await page.locator('.quick-exit-lights').isVisible(), false, 'the dots go out');
  await page.keyboard.press('Shift');
  assert.equal(page.url(), site.url + PAGE, 'a third press after the wait does not leave');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await leftForNeutral(page);
  await context.close();
});

test('"If this site is open in other tabs, the button tries to change them to BBC Weather too."', async () => {
  const context = await freshContext();
  const other = await context.newPage();
  await other.goto(`${site.url}/signs/12-plus/emotional/`);
  const page = await readThePage(context);
  await exitButton(page).click();
  await Promise.all([leftForNeutral(page), leftForNeutral(other)]);
  await context.close();
});

test('"After you leave, your browser\'s Back button takes you to the page you were on before you came here. It does not bring this site back."', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/`);
  await page.locator('footer').getByRole('link', { name: 'Staying safe online' }).click();
  await page.waitForURL(`**${PAGE}`);
  await page.getByRole('link', { name: 'Signs of neglect by age' }).first().click();
  await page.waitForURL('**/signs/');
  await exitButton(page).click();
  await leftForNeutral(page);
  assert.deepEqual(await walkBack(page), [BEFORE]);
  await context.close();
});

test('"When you go to a new page here, it takes the place of the last one. To go to the page you read before, use the Back link at the top of the page"', async () => {
  const context = await freshContext();
  const page = await readThePage(context);
  const length = await page.evaluate(() => history.length);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worried about a friend?' }).click();
  await page.waitForURL('**/young-people/');
  assert.equal(await page.evaluate(() => history.length), length, 'the new page took the place of the last');
  const back = page.getByRole('link', { name: 'Back to Staying safe online' });
  const { y } = await back.boundingBox();
  assert.ok(y < 300, 'at the top of the page');
  await back.click();
  await page.waitForURL(`**${PAGE}`);
  await context.close();
});

test('"(Some older browsers do not show this link.)" and they still keep one page in history', async () => {
  const context = await freshContext();
  await context.addInitScript(() => Object.defineProperty(window, 'navigation', { value: undefined }));
  const page = await readThePage(context);
  const length = await page.evaluate(() => history.length);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worried about a friend?' }).click();
  await page.waitForURL('**/young-people/');
  assert.equal(await page.getByRole('link', { name: /^Back/ }).count(), 0);
  assert.equal(await page.evaluate(() => history.length), length);
  await context.close();
});

test('"If it is off, each page you open stays in the tab\'s history, so Back can bring this site back."', async () => {
  const context = await freshContext({ javaScriptEnabled: false });
  const page = await readThePage(context);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worried about a friend?' }).click();
  await page.waitForURL('**/young-people/');
  await exitButton(page).click();
  await leftForNeutral(page);
  await page.goBack();
  assert.equal(new URL(page.url()).pathname, '/young-people/', 'Back brings the site back');
  await context.close();
});

test('"If you open a page in a new tab, that tab has its own history."', async () => {
  const context = await freshContext();
  const page = await readThePage(context);
  const length = await page.evaluate(() => history.length);
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worried about a friend?' });
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click({ modifiers: ['ControlOrMeta'] })]);
  await tab.waitForLoadState();
  assert.equal(await tab.evaluate(() => history.length), 1, 'the new tab holds only its own page');
  assert.equal(await page.evaluate(() => history.length), length, 'this tab is unchanged');
  await context.close();
});

test('"This site does not use cookies, and it does not store anything on your phone or computer. It does not send anything about your visit to other websites."', async () => {
  const context = await freshContext();
  const page = await context.newPage();
  const elsewhere = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(site.url)) elsewhere.push(request.url());
  });
  for (const path of await everyPage(site.url)) await page.goto(site.url + path);
  // Use what stores things if anything does: search, the directory's filters and location.
  await page.goto(`${site.url}/directory/`);
  await page.getByLabel('The first part of your postcode, such as EB1').fill('EB3');
  await page.getByRole('combobox', { name: 'Search this site' }).fill('hungry');
  await page.waitForTimeout(300);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, databases: 0, caches: 0, workers: 0 });
  assert.deepEqual(await context.cookies(), []);
  assert.deepEqual(elsewhere, []);
  await context.close();
});

test('"call 999" and "call Childline for free on 0800 1111": both can be tapped to call', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + PAGE);
  const main = page.locator('main');
  assert.match(await main.textContent(), /call 999/);
  assert.equal(await page.getByRole('link', { name: '999' }).first().getAttribute('href'), 'tel:999');
  assert.equal(await page.getByRole('link', { name: '0800 1111' }).first().getAttribute('href'), 'tel:08001111');
  await page.close();
});

test('the page is written for a 12-year-old: signpost check puts it within the site\'s reading age', () => {
  const report = JSON.parse(execFileSync(join(repo, 'target/debug/signpost'), ['check', '--format', 'json', '--root', repo]).toString());
  const entry = report.readability.find((r) => r.file === 'content/staying-safe-online.md');
  assert.ok(entry, 'the page is measured as a young people\'s page');
  assert.ok(entry.reading_age <= 11, `reading age ${entry.reading_age}`);
  assert.equal(report.diagnostics.filter((d) => d.file === 'content/staying-safe-online.md').length, 0);
});
