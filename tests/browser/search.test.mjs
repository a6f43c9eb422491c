// Search in a real browser, acting as the people it is for: a young person searching in secret
// on a shared phone, who must leave no trace of the words; a keyboard or screen reader user; a
// visitor without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { axeViolations, exampleSite, repo } from './harness.mjs';

const site = exampleSite({ before, after });

/** A page that records every request URL it makes. */
async function recordingPage(context) {
  const page = await context.newPage();
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  return page;
}

/** Every address of the tab's history, found by walking Back from the current page. */
async function historyUrls(page) {
  const urls = [page.url()];
  const length = await page.evaluate(() => history.length);
  for (let i = 1; i < length; i += 1) {
    if (!(await page.goBack({ waitUntil: 'load' }).catch(() => null))) break;
    urls.push(page.url());
  }
  return urls;
}

const holds = (text, words) => words.some((w) => text.toLowerCase().includes(w));

test('the search engine and its two interfaces are small modules without dependencies', async () => {
  const limits = { 'search.js': 9, 'search-box.js': 3, 'search-page.js': 3.5 };
  for (const [file, kb] of Object.entries(limits)) {
    const source = readFileSync(`${repo}themes/default/static/${file}`, 'utf8');
    assert.doesNotMatch(source, /^\s*import /m, `${file} imports nothing`);
    const { code } = await transform(source, { minify: true, format: 'esm' });
    assert.ok(code.length < kb * 1024, `${file}: ${code.length} bytes minified`);
  }
});

test('a search from the header box leaves its words in no request, address, history entry or title', async () => {
  const words = ['dad', 'never', 'feeds'];
  const context = await site.browser.newContext();
  const page = await recordingPage(context);
  await page.goto(`${site.url}/worried/`);
  await page.goto(`${site.url}/young-people/`);
  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.click();
  await box.pressSequentially('my dad never feeds me', { delay: 20 });
  await page.getByRole('option').first().waitFor();
  await box.press('Enter');
  const count = page.locator('#search-count');
  await count.waitFor();
  assert.match(await count.textContent(), /results? for “my dad never feeds me”/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-count', 'focus moves to the result count');
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash, '/search/');
  assert.equal(await page.evaluate(() => history.state), null);
  assert.ok(!holds(await page.title(), words), await page.title());
  await page.locator('#search-results a').first().click();
  await page.waitForURL((url) => url.pathname !== '/search/');
  const urls = [...page.requests, ...(await historyUrls(page))];
  assert.deepEqual(urls.filter((u) => holds(decodeURIComponent(u), words)), [], 'no request or history entry holds the words');
  assert.ok(urls.every((u) => !u.includes('?q=')), urls.join('\n'));
  await context.close();
});

test('going back to the search page shows an empty search, not the words', async () => {
  // With one page of the site in history (the default), the browser's Back leaves the site, so
  // the way back is the page's own Back link.
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/search/`);
  const input = page.getByRole('searchbox', { name: 'What are you looking for?' });
  await input.fill('home alone');
  await input.press('Enter');
  await page.locator('#search-results a').first().click();
  await page.waitForURL((url) => url.pathname !== '/search/');
  await page.locator('a.back-link').click();
  await page.waitForURL('**/search/');
  assert.equal(await page.getByRole('searchbox', { name: 'What are you looking for?' }).inputValue(), '');
  assert.equal(await page.locator('#search-results li').count(), 0);
  assert.doesNotMatch(page.url(), /home|alone/);
  await page.close();
});

test('a suggestion chosen from the keyboard replaces the page in history and holds no link inside', async () => {
  const context = await site.browser.newContext();
  const page = await recordingPage(context);
  await page.goto(`${site.url}/worried/`);
  const before = await page.evaluate(() => history.length);
  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.click();
  await box.pressSequentially('my mate never has lunc', { delay: 10 });
  const options = page.getByRole('option');
  await options.first().waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('[role=option] a, [role=option] button, [role=option] [tabindex]').count(), 0, 'no nested interactive');
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'site-search-option-0');
  const chosen = await page.locator('[role=option][aria-selected=true]').getAttribute('data-url');
  await box.press('Enter');
  await page.waitForURL(`**${chosen}`);
  assert.equal(await page.evaluate(() => history.length), before, 'replaced, not added');
  assert.deepEqual(page.requests.filter((u) => !u.startsWith(site.url)), [], 'no other origin');
  await context.close();
});

test('after Escape, ArrowDown shows the suggestions again before choosing one', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/worried/`);
  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.click();
  await box.pressSequentially('hungry', { delay: 10 });
  await page.getByRole('option').first().waitFor();
  await box.press('Escape');
  assert.equal(await page.locator('#site-search-results').isVisible(), false);
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  await box.press('ArrowDown');
  assert.equal(await page.locator('#site-search-results').isVisible(), true, 'a chosen option is always visible');
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await box.press('Escape');
  await box.press('Escape');
  assert.equal(await box.inputValue(), '', 'a second Escape clears the box');
  await page.close();
});

test('the suggestions are announced once, when typing stops', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/worried/`);
  await page.evaluate(() => {
    window.announced = [];
    const status = document.querySelector('.site-search [role=status]');
    new MutationObserver(() => window.announced.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.click();
  await box.pressSequentially('my friend is always hungry', { delay: 60 });
  await page.waitForTimeout(1600);
  const announced = await page.evaluate(() => window.announced);
  assert.equal(announced.length, 1, announced.join(' | '));
  assert.match(announced[0], /^\d+ suggestions?\. Use the up and down arrows/);
  await page.close();
});

test('the search page: results first on a phone, focus on the count, one announcement, Nothing found', async () => {
  const page = await site.browser.newPage({ viewport: { width: 375, height: 667 } });
  await page.goto(`${site.url}/search/`);
  await page.evaluate(() => {
    window.announced = [];
    const status = document.getElementById('search-status');
    new MutationObserver(() => window.announced.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const input = page.getByRole('searchbox', { name: 'What are you looking for?' });
  await input.pressSequentially('food bank', { delay: 60 });
  await page.locator('#search-results li').first().waitFor();
  await page.waitForTimeout(1500);
  assert.deepEqual(await page.evaluate(() => window.announced), [await page.locator('#search-count').textContent()]);
  await input.press('Enter');
  await page.waitForFunction(() => document.activeElement.id === 'search-count');
  const first = await page.locator('#search-results li a').first().boundingBox();
  const filters = await page.locator('#search-filters').boundingBox();
  assert.ok(first.y < filters.y, 'results come before the filters');
  assert.ok(first.y + first.height < 667, `the first result's title is on the first screen (at ${first.y}px)`);
  const top = await page.evaluate(() => document.getElementById('search-results').getBoundingClientRect().top + scrollY);
  assert.ok(top < 600, `results start ${top}px down the page`);
  for (const query of ['🙁', '?!', 'the', 'to be or not to be']) {
    await input.fill(query);
    await input.press('Enter');
    await page.waitForFunction((q) => document.getElementById('search-count').textContent === `Nothing found for “${q}”`, query);
    assert.ok(await page.getByText('Try other words').isVisible());
  }
  await page.close();
});

test('the search page finds pages through typos, highlights the words, filters, and links to sections', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/search/`);
  const input = page.getByRole('searchbox', { name: 'What are you looking for?' });
  await input.fill('hungrey');
  await input.press('Enter');
  const results = page.locator('#search-results li');
  await results.first().waitFor();
  assert.match(await results.first().locator('a').getAttribute('href'), /nutritional/);
  await page.locator('#search-results mark').first().waitFor();
  const marked = (await page.locator('#search-results mark').allTextContents()).map((m) => m.toLowerCase());
  assert.ok(marked.includes('hungry'), `the corrected word is highlighted: ${marked}`);
  await input.fill('food bank');
  await input.press('Enter');
  await page.getByLabel('Local support').check();
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results .kind')].every((k) => k.textContent === 'Local support'));
  assert.ok((await page.locator('#search-results .kind').count()) > 0);
  await page.getByLabel('Local support').uncheck();
  await input.fill('hungry');
  await input.press('Enter');
  await page.locator('#search-results a[href="/signs/12-plus/nutritional/"]').waitFor();
  await page.getByLabel('For a child aged').selectOption('0-2');
  await page.locator('#search-results a[href="/signs/12-plus/nutritional/"]').waitFor({ state: 'detached' });
  const forBabies = await page.locator('#search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(forBabies.includes('/signs/0-2/nutritional/'), forBabies.join(' '));
  assert.ok(!forBabies.some((href) => href.startsWith('/signs/12-plus/')), forBabies.join(' '));
  await page.getByLabel('For a child aged').selectOption('');
  await input.fill('child');
  await input.press('Enter');
  await page.waitForFunction(() => /for “child”/.test(document.getElementById('search-count').textContent));
  assert.equal(await page.locator('#search-results li').count(), 20);
  await page.getByRole('button', { name: 'Show more results' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 20);
  await input.fill('can i stay anonymous');
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelector('#search-results a')?.getAttribute('href').includes('#'));
  assert.equal(await page.locator('#search-results a').first().getAttribute('href'), '/worried/report-a-concern/#can-i-stay-anonymous');
  await page.close();
});

test('a link to the results is made only when asked for, after #, and its words leave the address once read', async () => {
  const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await recordingPage(context);
  await page.goto(`${site.url}/search/`);
  const input = page.getByRole('searchbox', { name: 'What are you looking for?' });
  await input.fill('home alone');
  await input.press('Enter');
  await page.locator('#search-results li').first().waitFor();
  assert.equal(new URL(page.url()).hash, '', 'nothing in the address until asked');
  await page.getByRole('button', { name: 'Copy a link to these results' }).click();
  await page.getByText('Link copied. Anyone who opens it will see what you searched for.').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${site.url}/search/#q=home+alone`);
  const other = await recordingPage(context);
  await other.goto(link);
  await other.locator('#search-results li').first().waitFor();
  assert.equal(await other.getByRole('searchbox', { name: 'What are you looking for?' }).inputValue(), 'home alone');
  assert.equal(new URL(other.url()).hash, '', 'the words leave the address once read');
  assert.deepEqual([...page.requests, ...other.requests].filter((u) => u.includes('alone')), [], 'the fragment is never sent');
  await context.close();
});

test('when the index cannot be fetched, the search page says so, and works once it can', async () => {
  const page = await site.browser.newPage();
  let block = true;
  await page.route('**/search/**', (route) => (block && !route.request().url().endsWith('/search/') ? route.abort() : route.continue()));
  await page.goto(`${site.url}/search/`);
  const input = page.getByRole('searchbox', { name: 'What are you looking for?' });
  await input.fill('hungry');
  await input.press('Enter');
  await page.waitForFunction(() => document.getElementById('search-count').textContent === 'Search is not working right now');
  block = false;
  await input.press('Enter');
  await page.waitForFunction(() => /results? for “hungry”/.test(document.getElementById('search-count').textContent));
  await page.close();
});

test('without JavaScript the header box sends no words, and the search page says why and lists topics', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await recordingPage(context);
  await page.goto(`${site.url}/worried/`);
  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.fill('home alone at night');
  await box.press('Enter');
  await page.waitForURL('**/search/**');
  assert.deepEqual(page.requests.filter((u) => holds(u, ['alone', 'night'])), []);
  assert.ok(await page.getByText('Search needs JavaScript, which is turned off or not working in this browser.').isVisible());
  assert.equal(await page.locator('#search-app').isVisible(), false);
  await page.getByRole('heading', { name: 'Topics from A to Z' }).waitFor();
  await page.getByRole('link', { name: 'What is neglect?' }).click();
  await page.waitForURL('**/about-neglect/what-is-neglect/');
  await context.close();
});

for (const width of [320, 1280]) {
  test(`no axe violations with the suggestions open, and on the search page with results, at ${width}px`, async () => {
    const context = await site.browser.newContext({ bypassCSP: true, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/young-people/`);
    const box = page.getByRole('combobox', { name: 'Search this site' });
    await box.click();
    await box.pressSequentially('talk', { delay: 10 });
    await page.getByRole('option').first().waitFor();
    await box.press('ArrowDown');
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(`${site.url}/search/#q=hungry`);
    await page.locator('#search-results li').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const landmarks = await page.getByRole('search').evaluateAll((forms) => forms.map((f) => f.getAttribute('aria-label')));
    assert.deepEqual(landmarks, ['All results'], 'one search landmark on the search page, named');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${overflow}px too wide`);
    await context.close();
  });
}

test('screenshots of the suggestions and the search page at 375px and 1280px', async () => {
  const folder = join(repo, 'tests/browser/screenshots');
  mkdirSync(folder, { recursive: true });
  for (const width of [375, 1280]) {
    const page = await site.browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${site.url}/young-people/`);
    const box = page.getByRole('combobox', { name: 'Search this site' });
    await box.click();
    await box.pressSequentially('who can i talk to', { delay: 10 });
    await page.getByRole('option').first().waitFor();
    await box.press('ArrowDown');
    await page.screenshot({ path: join(folder, `search-suggestions-${width}.png`) });
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/young-people/');
    await page.goto(`${site.url}/search/`);
    await page.getByRole('searchbox', { name: 'What are you looking for?' }).fill('my friend is always hungry');
    await page.getByRole('searchbox', { name: 'What are you looking for?' }).press('Enter');
    await page.locator('#search-results li').first().waitFor();
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(folder, `search-results-${width}.png`), fullPage: false });
    await page.close();
  }
});
