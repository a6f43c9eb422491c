// signpost serve in a real browser: a saved change reloads the page, a mistake shows an
// overlay naming the file and line over the last good page, and fixing it clears the overlay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, repo, startServe, writeSite } from './harness.mjs';

const SITE_YAML = 'title: Preview\nbase_url: https://preview.example.org/\npartnership: Preview Partnership\n';
const page = (body, extra = '') => `---\ntitle: About us\n${extra}---\n${body}\n`;

let root, server, browser;
before(async () => {
  root = writeSite({
    'site.yaml': SITE_YAML,
    'content/_index.md': '---\ntitle: Home\n---\nHome.\n',
    'content/about.md': page('First version.'),
  });
  server = await startServe(root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

test('edit, break and fix a page while it is open', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${server.url}/about/`);
  await tab.getByText('First version.').waitFor();

  writeFileSync(join(root, 'content/about.md'), page('Second version.'));
  await tab.getByText('Second version.').waitFor({ timeout: 5000 });

  writeFileSync(join(root, 'content/about.md'), page('Third version.', 'review_by: soon\n'));
  const overlay = tab.getByRole('alert');
  await overlay.waitFor({ timeout: 5000 });
  const text = await overlay.textContent();
  assert.match(text, /content\/about\.md:3:12/);
  assert.match(text, /`soon` is not a date/);
  assert.match(text, /YYYY-MM-DD/);
  assert.ok(await tab.getByText('Second version.').isVisible(), 'the last good page stays underneath');

  writeFileSync(join(root, 'content/about.md'), page('Fourth version.', 'review_by: 2099-01-01\n'));
  await tab.getByText('Fourth version.').waitFor({ timeout: 5000 });
  assert.equal(await tab.getByRole('alert').count(), 0, 'the overlay is gone');
  await tab.close();
});

test('a page opened while the build is broken shows the overlay at once', async () => {
  writeFileSync(join(root, 'content/about.md'), page('Broken.', 'titel: x\n'));
  const tab = await browser.newPage();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await tab.goto(`${server.url}/`);
  const overlay = tab.getByRole('alert');
  await overlay.waitFor({ timeout: 5000 });
  assert.match(await overlay.textContent(), /unknown setting `titel`/);
  writeFileSync(join(root, 'content/about.md'), page('Mended.'));
  await tab.waitForFunction(() => !document.querySelector('[role=alert]'), null, { timeout: 5000 });
  await tab.close();
});

// The dev server lets the browser keep the theme's files, whose addresses name their bytes:
// a changed stylesheet must still show on the reloaded page, every time it is saved.
test("a saved change to a theme's stylesheet shows on the open page", async () => {
  const themed = writeSite({
    'site.yaml': `${SITE_YAML}theme: ours\n`,
    'content/_index.md': '---\ntitle: Home\n---\nHome.\n',
  });
  cpSync(join(repo, 'themes/default'), join(themed, 'themes/ours'), { recursive: true });
  const ours = await startServe(themed);
  const tab = await browser.newPage();
  try {
    await tab.goto(`${ours.url}/`);
    const background = () => tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await background(), 'rgb(255, 255, 255)');
    for (const colour of ['rgb(255, 255, 0)', 'rgb(0, 128, 0)']) {
      appendFileSync(join(themed, 'themes/ours/static/style.css'), `\nbody { background: ${colour}; }\n`);
      await tab.waitForFunction(
        (expected) => getComputedStyle(document.body).backgroundColor === expected,
        colour,
        { timeout: 5000 },
      );
    }
  } finally {
    await tab.close();
    ours.stop();
  }
});
