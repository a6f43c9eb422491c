// Shared set-up for browser tests: build the example site with the signpost binary, serve the
// output on 127.0.0.1, and drive Debian's headless Chromium with playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize, sep, dirname } from 'node:path';
import { chromium } from 'playwright-core';

export const repo = new URL('../../', import.meta.url).pathname;

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.mjs': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml',
  '.txt': 'text/plain', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Builds the example site (or `root`) into a temporary folder and returns its path. */
export function buildSite(root = repo) {
  const out = join(mkdtempSync(join(tmpdir(), 'signpost-browser-')), 'site');
  const binary = join(repo, 'target/debug/signpost');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--quiet'], { cwd: repo, stdio: 'inherit' });
  execFileSync(binary, ['build', '--root', root, '--output', out], { stdio: 'pipe' });
  return out;
}

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }. */
export function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': types['.html'] }).end(readFileSync(join(dir, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

/** Debian's Chromium, headless, with nothing that phones home. */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the page; returns the violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

/** Starts `signpost serve --port 0` on `root`; resolves to { url, stop }. */
export function startServe(root) {
  const binary = join(repo, 'target/debug/signpost');
  const child = spawn(binary, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/Serving the site at (http:\/\/[^ ]+\/)/);
      if (match) resolve({ url: match[1].replace(/\/$/, ''), stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`signpost serve exited with ${code}`)));
  });
}

/** Writes `files` ({ path: text }) into a new temporary site folder and returns it. */
export function writeSite(files) {
  const root = mkdtempSync(join(tmpdir(), 'signpost-site-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/**
 * The example site built, served and open in Chromium for a test file: call in the file's
 * top level; `site.url` and `site.browser` are ready in each test.
 */
export function exampleSite({ before, after }) {
  const site = {};
  before(async () => {
    site.server = await serve(buildSite());
    site.url = site.server.url;
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}
