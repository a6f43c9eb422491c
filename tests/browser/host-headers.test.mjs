// The headers the build writes for static hosts (README "Security headers"), served the way
// Netlify and Cloudflare Pages read `_headers`: other sites cannot frame the pages, and every
// page still works under the stricter policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, normalize, sep, extname } from 'node:path';
import { buildSite, launch } from './harness.mjs';
import { everyPage, fakeOtherSites, leftForNeutral } from './safety-helpers.mjs';

/** `_headers` as Netlify reads it: a path pattern, then its `Name: value` lines indented. */
function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const at = line.indexOf(':');
      rules.at(-1).headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

const matches = (pattern, path) => (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern);

/** Serves a built site with the headers its `_headers` file asks for. */
function serveLikeNetlify(dir) {
  const rules = parseHeaders(readFileSync(join(dir, '_headers'), 'utf8'));
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = existsSync(file);
    if (!found) file = join(dir, '404.html');
    for (const rule of rules) {
      if (matches(rule.pattern, path)) for (const [name, value] of rule.headers) res.setHeader(name, value);
    }
    res.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
    res.writeHead(found ? 200 : 404).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, close: () => server.close(),
  })));
}

const site = {};
before(async () => {
  site.server = await serveLikeNetlify(buildSite());
  site.url = site.server.url;
  site.browser = await launch();
});
after(async () => {
  await site.browser?.close();
  site.server?.close();
});

test('another site cannot show the pages in a frame', async () => {
  const framer = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' })
    .end(`<title>Someone else's site</title><iframe src="${site.url}/young-people/"></iframe>`));
  await new Promise((resolve) => framer.listen(0, '127.0.0.1', resolve));
  const page = await site.browser.newPage();
  const response = page.waitForResponse(`${site.url}/young-people/`);
  await page.goto(`http://localhost:${framer.address().port}/`);
  assert.match((await response).headers()['content-security-policy'], /frame-ancestors 'none'/);
  await page.waitForTimeout(300);
  const framed = page.frames().find((frame) => frame !== page.mainFrame());
  assert.ok(framed, 'the frame exists');
  assert.doesNotMatch(framed.url(), /young-people/, 'but the page was refused');
  assert.equal(await page.frameLocator('iframe').locator('.quick-exit').count(), 0, 'nothing of the site shows in it');
  await page.close();
  framer.close();
});

test('every page works under the header policy: no violations, scripts and styles run', async () => {
  const context = await site.browser.newContext();
  await fakeOtherSites(context);
  await context.addInitScript(() => {
    window.violations = [];
    addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const refused = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions policy/i.test(message.text())) refused.push(message.text());
  });
  for (const path of await everyPage(site.url)) {
    const response = await page.goto(site.url + path);
    assert.equal(response.headers()['x-content-type-options'], 'nosniff', path);
    assert.equal(response.headers()['referrer-policy'], 'no-referrer', path);
    const state = await page.evaluate(() => ({
      violations: window.violations,
      styled: getComputedStyle(document.querySelector('.quick-exit-bar')).position,
      scripted: document.documentElement.classList.contains('js'),
    }));
    assert.deepEqual(state, { violations: [], styled: 'sticky', scripted: true }, path);
  }
  assert.deepEqual(refused, []);
  await page.goto(`${site.url}/directory/`);
  await page.getByRole('button', { name: 'Exit this page' }).click();
  await leftForNeutral(page);
  await context.close();
});

test('the directory may still ask for the reader\'s location, and only the site itself may', async () => {
  const context = await site.browser.newContext({ permissions: ['geolocation'], geolocation: { latitude: 52.41, longitude: -1.51 } });
  const page = await context.newPage();
  const response = await page.goto(`${site.url}/directory/`);
  assert.match(response.headers()['permissions-policy'], /geolocation=\(self\)/);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByRole('status').filter({ hasText: 'Showing the nearest services first' }).waitFor();
  const camera = await page.evaluate(() => document.featurePolicy?.allowsFeature('camera') ?? null);
  assert.equal(camera, false, 'other features are off');
  await context.close();
});
