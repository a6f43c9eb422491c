// Save-to-reload time of `signpost serve`: a page is open in headless Chromium, a Markdown file
// is saved with new text, and the clock stops when the reloaded page's load event fires (the
// new text is then checked to be on it).
// Usage: node bench/serve.mjs SIGNPOST_BINARY SITE_ROOT CONTENT_FILE URL_PATH [RUNS]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/browser/harness.mjs';

const [binary, root, file, urlPath, runs = '7'] = process.argv.slice(2);
const child = spawn(binary, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let seen = '';
  child.stdout.on('data', (chunk) => {
    seen += chunk;
    const match = seen.match(/Serving the site at (http:\/\/[^ ]+)\//);
    if (match) resolve(match[1]);
  });
});
const browser = await launch();
const page = await browser.newPage();
await page.goto(url + urlPath);
const path = join(root, file);
const original = readFileSync(path, 'utf8');
const times = [];
for (let run = 1; run <= Number(runs); run += 1) {
  const marker = `Benchmark edit ${run} ${Date.now()}`;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const loaded = page.waitForEvent('load', { timeout: 10000 });
  const started = performance.now();
  writeFileSync(path, `${original.trimEnd()}\n\n${marker}\n`);
  await loaded;
  times.push(performance.now() - started);
  if (!(await page.getByText(marker).count())) throw new Error(`run ${run}: the reloaded page lacks the edit`);
}
writeFileSync(path, original);
await browser.close();
child.kill();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`save-to-reload ms: median ${median.toFixed(0)}, max ${times.at(-1).toFixed(0)}, runs ${times.map((t) => t.toFixed(0)).join(' ')}`);
