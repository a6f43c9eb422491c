// Save-to-reload time of `signpost serve`: a page is open in headless Chromium, a Markdown file
// is saved with new text, and the clock stops when the reloaded page's load event fires (the
// new text is then checked to be on it).
// Usage: node bench/serve.mjs SIGNPOST_BINARY SITE_ROOT CONTENT_FILE URL_PATH [RUNS]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/browser/harness.mjs';

const [binary, root, file, urlPath, runs = '7'] = process.argv.slice(2);
const child = spawn(binary, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
let stdout = '';
let stderr = '';
child.stdout.on('data', (chunk) => { stdout += chunk; });
child.stderr.on('data', (chunk) => { stderr += chunk; });
const waitFor = (pattern, timeout) => new Promise((resolve) => {
  const started = Date.now();
  const poll = setInterval(() => {
    const match = (stdout + stderr).match(pattern);
    if (match || Date.now() - started > timeout) { clearInterval(poll); resolve(match); }
  }, 20);
});
const url = (await waitFor(/Serving the site at (http:\/\/[^ ]+)\//, 600000))[1];
// Saves are measured once the server has settled: the first build's search index, made in the
// background once nothing has changed for a moment, is ready.
await waitFor(/Search index ready/, 120000);
const browser = await launch();
const page = await browser.newPage();
await page.goto(url + urlPath);
const path = join(root, file);
const original = readFileSync(path, 'utf8');
const times = [];
const rebuilds = [];
for (let run = 1; run <= Number(runs); run += 1) {
  const marker = `Benchmark edit ${run} ${Date.now()}`;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const loaded = page.waitForEvent('load', { timeout: 10000 });
  const started = performance.now();
  writeFileSync(path, `${original.trimEnd()}\n\n${marker}\n`);
  await loaded;
  times.push(performance.now() - started);
  const built = [...stdout.matchAll(/Built in (\d+) ms/g)];
  rebuilds.push(Number(built.at(-1)[1]));
  if (!(await page.getByText(marker).count())) throw new Error(`run ${run}: the reloaded page lacks the edit`);
}
writeFileSync(path, original);
await browser.close();
child.kill();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
rebuilds.sort((a, b) => a - b);
console.log(`the server's rebuild ms: median ${rebuilds[Math.floor(rebuilds.length / 2)]}`);
console.log(`save-to-reload ms: median ${median.toFixed(0)}, max ${times.at(-1).toFixed(0)}, runs ${times.map((t) => t.toFixed(0)).join(' ')}`);
