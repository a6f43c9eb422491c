// What a first search costs a visitor: for each query, the requests and bytes (raw and
// gzipped) the browser client fetches before it can show titles and links, the client itself
// included; then how long a query takes once its files are loaded.
// Usage: node bench/search.mjs BUILT_SITE_FOLDER QUERY...
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createEngine } from '../themes/default/static/search.js';

const [out, ...queries] = process.argv.slice(2);
const html = readFileSync(join(out, 'index.html'), 'utf8');
const base = html.match(/data-index="([^"]+)"/)[1];
const clientPath = html.match(/data-client="([^"]+)"/)[1];
const sizes = (bytes) => ({ raw: bytes.length, gz: gzipSync(bytes).length });
const kb = (n) => (n / 1024).toFixed(1);

const hashed = JSON.parse(readFileSync(join(out, base, 'index.json'), 'utf8')).base;
const indexDir = join(out, hashed);
const indexBytes = statSync(join(out, base, 'index.json')).size + readdirSync(indexDir).reduce((sum, f) => sum + statSync(join(indexDir, f)).size, 0);
const client = sizes(readFileSync(join(out, clientPath)));
console.log(`index: ${readdirSync(indexDir).length + 1} files, ${kb(indexBytes)} KB; client ${kb(client.raw)} KB (${kb(client.gz)} KB gzipped)`);
console.log('query                          requests  raw_KB  gzip_KB  results  query_ms');
for (const query of queries) {
  const fetched = [];
  const engine = createEngine(base, async (path) => {
    const bytes = readFileSync(join(out, path));
    fetched.push(sizes(bytes));
    return JSON.parse(bytes);
  });
  const { results } = await engine.search(query, { limit: 10 });
  const raw = client.raw + fetched.reduce((s, f) => s + f.raw, 0);
  const gz = client.gz + fetched.reduce((s, f) => s + f.gz, 0);
  const runs = 20;
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) await engine.search(query, { limit: 10 });
  const ms = (performance.now() - started) / runs;
  console.log(`${query.padEnd(30)} ${String(fetched.length + 1).padStart(8)}  ${kb(raw).padStart(6)}  ${kb(gz).padStart(7)}  ${String(results.length).padStart(7)}  ${ms.toFixed(2).padStart(8)}`);
}
