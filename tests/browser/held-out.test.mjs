// Sites the quick exit, history and accessibility work was not tuned on: the site `signpost
// init` makes (its own pages, one square of the signs, one example service), and another
// partnership's site with its own age bands, categories, deep sections and awkward text. The
// same promises must hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, serve, launch, writeSite, repo } from './harness.mjs';
import { NEUTRAL, BEFORE, fakeOtherSites, tabFromBefore, leftForNeutral, everyPage, axeViolations } from './safety-helpers.mjs';

/** A partnership with its own taxonomy, a deep section, and a title full of quotes and <>&. */
const OTHER_PARTNERSHIP = {
  'site.yaml': `title: "Harbour & Hills: \\"See it, say it\\""
base_url: https://safeguarding.example.net/neglect/
partnership: Harbour <and> Hills Children's Partnership
quick_exit:
  url: https://www.example.com/news?from=a&to="b"
help_contacts:
  - label: Childline
    phone: 0800 1111
taxonomies:
  age_bands:
    - id: under-5
      label: Under 5
    - id: teen
      label: Teenagers
  neglect_categories:
    - id: food
      label: Not enough food
    - id: care
      label: Not enough care
`,
  'content/_index.md': '---\ntitle: Harbour & Hills\n---\nStart with [the guide](guide/_index.md) or [the signs](signs/_index.md).\n',
  'content/guide/_index.md': '---\ntitle: The guide\n---\nRead [step one](steps/one.md).\n',
  'content/guide/steps/_index.md': '---\ntitle: Steps\n---\nThe steps, in order.\n',
  'content/guide/steps/one.md': '---\ntitle: "Step one: \\"notice\\" <things>"\n---\n## What to look for\n\nGo on to [step two](two.md).\n\n### A detail\n\nMore.\n',
  'content/guide/steps/two.md': '---\ntitle: Step two\n---\n## Then\n\nBack to [the start](../../_index.md).\n',
  'content/signs/_index.md': '---\ntitle: Signs\n---\nEvery sign.\n',
  'content/signs/under-5/food.md': '---\ntitle: Food under 5\nband: under-5\ncategory: food\nsummary: Hungry.\nyoung_people_summary: Hungry.\n---\n## What you might notice\n\nHunger.\n',
  'content/signs/under-5/care.md': '---\ntitle: Care under 5\nband: under-5\ncategory: care\nsummary: Alone.\nyoung_people_summary: Alone.\n---\n## What you might notice\n\nAlone.\n',
  'content/signs/teen/food.md': '---\ntitle: Food for teenagers\nband: teen\ncategory: food\nsummary: Hungry.\nyoung_people_summary: Hungry.\n---\n## What you might notice\n\nHunger.\n',
  'content/signs/teen/care.md': '---\ntitle: Care for teenagers\nband: teen\ncategory: care\nsummary: Alone.\nyoung_people_summary: Alone.\n---\n## What you might notice\n\nAlone.\n',
};

const sites = {};
before(async () => {
  const starter = join(mkdtempSync(join(tmpdir(), 'signpost-init-')), 'site');
  execFileSync(join(repo, 'target/debug/signpost'), ['init', starter]);
  sites.starter = await serve(buildSite(starter));
  sites.other = await serve(buildSite(writeSite(OTHER_PARTNERSHIP)));
  sites.browser = await launch();
});
after(async () => {
  await sites.browser?.close();
  sites.starter?.close();
  sites.other?.close();
});

for (const name of ['starter', 'other']) {
  test(`${name} site: every page has no axe violations at 320px and 1280px`, async () => {
    const found = [];
    const paths = await everyPage(sites[name].url);
    for (const viewport of [{ width: 320, height: 640 }, { width: 1280, height: 800 }]) {
      const context = await sites.browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      for (const path of paths) {
        await page.goto(sites[name].url + path);
        const violations = await axeViolations(page, path);
        found.push(...violations.map((v) => `${viewport.width}px ${path}: ${v}`));
      }
      await context.close();
    }
    console.log(`# ${name}: ${paths.length} pages checked at 2 widths`);
    assert.deepEqual(found, []);
  });
}

test('starter site: read every page it links to, exit, and Back leads to the page before the site', async () => {
  const context = await sites.browser.newContext();
  await fakeOtherSites(context);
  const page = await tabFromBefore(context, `${sites.starter.url}/`);
  const start = await page.evaluate(() => history.length);
  const links = await page.locator('main a[href^="/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  assert.ok(links.length >= 1);
  for (const link of links) {
    await page.locator(`main a[href="${link}"]`).first().click();
    await page.waitForURL((url) => url.pathname === new URL(link, sites.starter.url).pathname);
    await page.locator('.site-title').click();
    await page.waitForURL(`${sites.starter.url}/`);
  }
  await page.getByRole('region', { name: 'Quick exit' }).getByRole('link', { name: 'Staying safe online' }).click();
  await page.waitForURL('**/staying-safe-online/');
  assert.ok(await page.getByRole('link', { name: /^Back to / }).isVisible());
  assert.equal(await page.evaluate(() => history.length), start);
  await page.getByRole('button', { name: 'Exit this page' }).click();
  await leftForNeutral(page);
  const back = [];
  while (await page.goBack({ timeout: 5000 })) back.push(page.url());
  assert.deepEqual(back, [BEFORE]);
  await context.close();
});

test('another partnership: the exit goes to its own neutral address exactly, from a deep page, and Back leaves', async () => {
  const neutral = 'https://www.example.com/news?from=a&to=%22b%22';
  const context = await sites.browser.newContext();
  await fakeOtherSites(context);
  await context.route('https://www.example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>News</title>' }));
  const page = await tabFromBefore(context, `${sites.other.url}/`);
  await page.locator('main a[href="/guide/"]').first().click();
  await page.waitForURL('**/guide/');
  await page.locator('main a[href="/guide/steps/one/"]').first().click();
  await page.waitForURL('**/guide/steps/one/');
  await page.locator('main a[href="/guide/steps/two/"]').first().click();
  await page.waitForURL('**/guide/steps/two/');
  assert.equal(await page.getByRole('link', { name: 'Back to Step one: "notice" <things>' }).count(), 1, 'titles are text, not markup');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
  await page.waitForURL('https://www.example.com/**');
  assert.equal(page.url(), neutral);
  await page.goBack();
  assert.equal(page.url(), BEFORE);
  assert.notEqual(page.url(), NEUTRAL);
  await context.close();
});

test('another partnership: focus is never under the exit bar on Shift+Tab at 320x256', async () => {
  const context = await sites.browser.newContext({ viewport: { width: 320, height: 256 } });
  const page = await context.newPage();
  const hidden = [];
  for (const path of await everyPage(sites.other.url)) {
    await page.goto(sites.other.url + path);
    for (let i = 0; i < 200; i += 1) {
      await page.keyboard.press('Shift+Tab');
      const at = await page.evaluate(() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        return {
          done: el === document.body || el.classList.contains('skip-link'),
          inBar: Boolean(el.closest('.quick-exit-bar')),
          top: box.top, height: box.height,
          barBottom: document.querySelector('.quick-exit-bar').getBoundingClientRect().bottom,
          text: el.textContent.trim().slice(0, 30),
        };
      });
      if (at.done) break;
      if (!at.inBar && at.height > 0 && at.top < at.barBottom - 0.5) hidden.push(`${path}: "${at.text}"`);
    }
  }
  assert.deepEqual(hidden, []);
  await context.close();
});
