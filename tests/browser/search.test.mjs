// Search in a real browser: the header box suggests as you type and works from the keyboard;
// the search page keeps the query in the address; without JavaScript it offers topics A to Z.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';
import { exampleSite, repo } from './harness.mjs';

const site = exampleSite({ before, after });

test('the search client is a dependency-free module under 10 KB minified', async () => {
  const source = readFileSync(`${repo}themes/default/static/search.js`, 'utf8');
  assert.doesNotMatch(source, /^\s*import /m, 'no imports');
  const { code } = await transform(source, { minify: true, format: 'esm' });
  assert.ok(code.length < 10 * 1024, `${code.length} bytes minified`);
});

test('typing in the header box suggests pages, and the keyboard opens one', async () => {
  const page = await site.browser.newPage();
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(site.url)) foreign.push(r.url()); });
  await page.goto(`${site.url}/worried/`);
  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.fill('my mate never has lunc');
  const options = page.getByRole('option');
  await options.first().waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.match(await page.locator('.site-search [role=status]').textContent(), /suggestions/);
  await box.press('ArrowDown');
  const chosen = await page.locator('[role=option][aria-selected=true] a').getAttribute('href');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'site-search-option-0');
  await box.press('Enter');
  await page.waitForURL(`**${chosen}`);
  assert.deepEqual(foreign, []);
  await page.close();
});

test('the search page finds a page through a typo and keeps the query in the address', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/search/?q=hungrey`);
  const results = page.locator('#search-results li');
  await results.first().waitFor();
  assert.match(await page.locator('#search-status').textContent(), /results? for “hungrey”/);
  assert.match(await results.first().locator('a').getAttribute('href'), /nutritional/);
  await page.locator('#search-results mark').first().waitFor();
  assert.equal((await page.locator('#search-results mark').first().textContent()).toLowerCase(), 'hungry');
  await page.getByLabel('What are you looking for?').fill('food bank');
  await page.getByLabel('Local services').check();
  await page.waitForFunction(() => location.search.includes('kind=service'));
  assert.match(page.url(), /q=food\+bank/);
  const kinds = await page.locator('#search-results .kind').allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => k === 'Local service'), kinds.join());
  await page.close();
});

test('without JavaScript the search page lists topics A to Z', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}/search/?q=hungry`);
  assert.equal(await page.locator('#search-page').isVisible(), false);
  await page.getByRole('heading', { name: 'Topics from A to Z' }).waitFor();
  await page.getByRole('link', { name: 'What is neglect?' }).click();
  await page.waitForURL('**/about-neglect/what-is-neglect/');
  await context.close();
});
