// The browser editor at /admin/, in Chromium: it loads with no request to any other origin
// (every request is intercepted), and a voice made in its form cannot be saved without
// recorded consent; once saved, the file it writes builds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, serve, launch } from './harness.mjs';

const binary = join(repo, 'target/debug/signpost');
const signpost = (args, cwd) => execFileSync(binary, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

/** A registry holding the pinned @sveltia/cms tarball, made from the copy npm installed. */
function registryFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'signpost-registry-'));
  const version = JSON.parse(readFileSync(join(repo, 'node_modules/@sveltia/cms/package.json'), 'utf8')).version;
  mkdirSync(join(folder, '@sveltia/cms/-'), { recursive: true });
  writeFileSync(join(folder, '404.html'), 'not found');
  execFileSync('tar', ['-czf', join(folder, `@sveltia/cms/-/cms-${version}.tgz`),
    '-C', join(repo, 'node_modules/@sveltia'), '--transform', 's,^cms,package,',
    'cms/package.json', 'cms/LICENSE.txt', 'cms/dist/sveltia-cms.js', 'cms/npm/assets']);
  return folder;
}

let root, site, browser, registry;
before(async () => {
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--quiet'], { cwd: repo, stdio: 'inherit' });
  root = mkdtempSync(join(tmpdir(), 'signpost-editor-'));
  for (const part of ['site.yaml', 'content', 'strings', 'directory_data', 'data']) cpSync(join(repo, part), join(root, part), { recursive: true });
  registry = await serve(registryFolder());
  // Not execFileSync: the registry is served from this process, which must stay free to answer.
  await promisify(execFile)(binary, ['cms', '--registry', registry.url, '--backend', 'github',
    '--repo', 'example-borough/neglect-site'], { cwd: root });
  const out = join(mkdtempSync(join(tmpdir(), 'signpost-editor-out-')), 'site');
  signpost(['build', '--output', out], root);
  site = await serve(out);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
  registry?.close();
});

/** A tab that records every request and every Content-Security-Policy refusal. Requests to
 * another origin are recorded and aborted, so nothing can leave even if one were made. */
async function watchedTab(options = {}) {
  const tab = await browser.newPage(options);
  const requests = [];
  await tab.addInitScript(() => {
    window.__refused = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__refused.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await tab.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return new URL(url).origin === site.url ? route.continue() : route.abort();
  });
  return { tab, requests };
}

test('the editor page loads with no request to another origin', async () => {
  const { tab, requests } = await watchedTab();
  const responses = [];
  tab.on('response', (r) => responses.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await tab.goto(`${site.url}/admin/`);
  await tab.getByRole('button', { name: 'Sign In Using Access Token' }).waitFor({ timeout: 15000 });
  await tab.getByRole('button', { name: /Sign In with .*GitHub/ }).waitFor();
  await tab.waitForLoadState('networkidle');
  const elsewhere = requests.filter((url) => new URL(url).origin !== site.url);
  assert.deepEqual(elsewhere, [], 'no request left the site');
  for (const path of ['/admin/', '/admin/sveltia-cms.js', '/admin/fonts/source-sans-3-latin-wght-normal.woff2',
    '/admin/fonts/material-symbols-outlined-latin-wght-normal.woff2']) {
    assert.ok(responses.includes(`200 ${path}`), `${path} came from the site: ${responses.join(', ')}`);
  }
  assert.ok(responses.some((r) => /^200 \/admin\/config\.yml/.test(r)));
  // What the editor tried and its page's policy stopped before it left the browser: only
  // connections (its update and status checks), never a script, style, font or picture it needs.
  const refused = await tab.evaluate(() => window.__refused);
  for (const entry of refused) assert.match(entry, /^connect-src /, entry);
  const iconFont = await tab.evaluate(() => document.fonts.check('24px "Material Symbols Outlined"'));
  assert.ok(iconFont, 'the icon font is loaded, so icons are not shown as words');
  await tab.close();
});

test('screenshots of the editor at 375px and 1280px', async () => {
  const folder = join(repo, 'tests/browser/screenshots');
  mkdirSync(folder, { recursive: true });
  for (const width of [375, 1280]) {
    const { tab } = await watchedTab({ viewport: { width, height: 800 } });
    await tab.goto(`${site.url}/admin/`);
    await tab.getByRole('button', { name: 'Sign In Using Access Token' }).waitFor({ timeout: 15000 });
    await tab.screenshot({ path: join(folder, `editor-${width}.png`) });
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the editor is ${overflow}px too wide at ${width}px`);
    await tab.close();
  }
});

/** The editor with its test backend, which keeps files in the browser instead of a Git host:
 * the collections and fields are the published ones, only where it saves differs. */
async function editorWithTestBackend() {
  const { tab, requests } = await watchedTab({ viewport: { width: 1280, height: 900 } });
  const config = await (await fetch(`${site.url}/admin/config.yml`)).text();
  const local = config.replace(/^backend:\n( {2}.*\n)+/m, 'backend:\n  name: test-repo\n');
  assert.notEqual(local, config);
  await tab.route(`${site.url}/admin/config.yml*`, (route) => route.fulfill({ body: local, contentType: 'text/yaml' }));
  await tab.goto(`${site.url}/admin/`);
  await tab.getByRole('button', { name: 'Work with Test Repository' }).click();
  await tab.getByText("Young people's voices").first().click();
  return { tab, requests };
}

/** Every file the test backend has saved, by path. */
const savedFiles = (tab) => tab.evaluate(async () => {
  const files = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return files;
});

test('a voice cannot be saved without recorded consent, and the saved voice builds', async () => {
  const { tab, requests } = await editorWithTestBackend();
  await tab.getByRole('button', { name: 'New' }).first().click();
  await tab.getByRole('textbox', { name: 'Who said it' }).fill('young person, 15');
  await tab.getByRole('textbox', { name: 'Where it was gathered' }).fill('Youth forum');
  await tab.getByRole('textbox', { name: 'When' }).fill('2026-05');
  await tab.getByRole('checkbox', { name: 'Young people (12 and over)' }).click();
  await tab.locator('section[data-key-path=body] [contenteditable=true]').click();
  await tab.keyboard.type('I stopped asking for dinner because there was none.');

  await tab.getByRole('button', { name: 'Save' }).click();
  const consent = tab.locator('section[data-key-path=consent]');
  await consent.getByText('This field is required.').waitFor();
  assert.deepEqual(await savedFiles(tab), {}, 'nothing was saved');

  await consent.getByRole('radio', { name: 'Yes' }).click();
  await tab.getByRole('button', { name: 'Save' }).click();
  await tab.getByText('Entry saved.').waitFor();
  const saved = await savedFiles(tab);
  const [path] = Object.keys(saved);
  assert.match(path, /^sveltia-cms-test\/content\/voices\/\d{4}-\d{2}-\d{2}-young-person-15\.md$/);
  assert.match(saved[path], /^consent: true$/m);
  assert.match(saved[path], /^when: ['"]?2026-05['"]?$/m);

  // The file the editor wrote, in the site, builds; the words are on the voices page.
  writeFileSync(join(root, 'content/voices/new-young-person-15.md'), saved[path]);
  const out = join(mkdtempSync(join(tmpdir(), 'signpost-editor-saved-')), 'site');
  signpost(['build', '--output', out], root);
  assert.match(readFileSync(join(out, 'voices/index.html'), 'utf8'), /I stopped asking for dinner because there was none\./);
  assert.deepEqual(requests.filter((url) => new URL(url).origin !== site.url), []);
  await tab.close();
});

test('a new service cannot be saved until every field the build requires is filled', async () => {
  const { tab } = await editorWithTestBackend();
  await tab.getByText('Services directory').first().click();
  await tab.getByRole('button', { name: 'New' }).first().click();
  await tab.getByRole('button', { name: 'Save' }).click();
  // The build's required keys that are empty in a new service: id, name, description,
  // organization.name, categories and assured_date (status starts as active).
  await tab.getByText('6 fields have errors').waitFor();
  await tab.getByRole('button', { name: 'Show Errors' }).click();
  const flagged = await tab.locator('button:has([role=alert]) .summary').allInnerTexts();
  assert.deepEqual(flagged, ['Id', 'Name', 'Description', 'Name', 'Categories', 'Last checked']);
  assert.deepEqual(await savedFiles(tab), {}, 'nothing was saved');
  await tab.close();
});
