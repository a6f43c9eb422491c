// What searching costs a visitor: each query typed letter by letter in the header box, as the
// box searches while someone types (every letter counted, the worst case), with the titles of
// the suggestions fetched as the box shows them. For each query it prints the requests and bytes
// (raw and gzipped) fetched from the first letter to the last, the client's engine and header
// interface included; the longest chain of requests one after another that a keystroke waits
// for (round trips: dictionary, then packs, then titles), and the same counting the client and
// manifest the box fetches when it gets focus, for someone who types before they arrive; and
// how long the finished query takes once its files are loaded. Then the figures against the
// targets (the round-trip target is checked after the keystroke).
// Usage: node bench/search.mjs BUILT_SITE_FOLDER [QUERY...] (default: the fixed 30 queries)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createEngine, words } from '../themes/default/static/search.js';

// Young people's and worried adults' queries, as they type them: one word, typos, questions,
// stop words, five-word sentences.
export const QUERIES = [
  'the', 'safe sleep', 'neglect', 'hungry', 'school', 'childline', 'home alone', 'nutrtion',
  'nutrishun', 'supervison', 'skint', 'nits', 'toothache', 'food bank', 'health visitor',
  'young carers', 'parenting course', 'dirty clothes', 'who can i talk to', 'someone to talk to',
  'is it my fault', 'mum is depressed', 'never goes to school', 'my mate never has lunch',
  'my child will not eat', 'what happens when i report', 'where can i get help',
  'how do i help a friend', 'baby not gaining weight', 'report a concern about a child',
];
const TARGETS = { oneWordKb: 30, oneWordTrips: 3, anyKb: 60, ms: 10 };

const [out, ...asked] = process.argv.slice(2);
const queries = asked.length ? asked : QUERIES;
const html = readFileSync(join(out, 'index.html'), 'utf8');
const form = html.match(/<form class="site-search"[^>]*>/)[0];
const attr = (name) => form.match(new RegExp(`data-${name}="([^"]+)"`))[1];
const base = attr('index');
const sizes = (bytes) => ({ raw: bytes.length, gz: gzipSync(bytes).length });
const kb = (n) => (n / 1024).toFixed(1);
const client = ['client', 'ui'].map((name) => sizes(readFileSync(join(out, attr(name)))));
const manifestPath = join(out, base, 'index.json');
const hashed = JSON.parse(readFileSync(manifestPath, 'utf8')).base;
const indexDir = join(out, hashed);
const indexFiles = readdirSync(indexDir);
const indexBytes = statSync(manifestPath).size + indexFiles.reduce((sum, f) => sum + statSync(join(indexDir, f)).size, 0);
const clientGz = client.reduce((s, c) => s + c.gz, 0);
console.log(`index: ${indexFiles.length + 1} files, ${kb(indexBytes)} KB; engine and header interface ${kb(client.reduce((s, c) => s + c.raw, 0))} KB (${kb(clientGz)} KB gzipped)`);
console.log('query                            letters  requests  raw_KB  gzip_KB  trips_after_key  with_focus  results  query_ms');

/** A visitor's engine whose fetches are recorded, each with its place in a chain of round trips. */
function visitor() {
  const fetched = [];
  let completed = 0; // the deepest round trip finished so far in this state
  const load = (path) => {
    const depth = completed + 1;
    const bytes = readFileSync(join(out, path));
    fetched.push({ ...sizes(bytes), depth });
    // Answered on a later turn of the event loop, as the network would.
    return new Promise((resolve) => setTimeout(() => {
      completed = Math.max(completed, depth);
      resolve(bytes);
    }, 0));
  };
  // The header box fetches the client and the manifest together when it gets focus: one round
  // trip before the first search (counted once, as if the person typed before it returned).
  const bytes = readFileSync(join(out, base, 'index.json'));
  fetched.push(...client.map((c) => ({ ...c, depth: 0 })), { ...sizes(bytes), depth: 0 });
  const engine = createEngine(base, load, Promise.resolve(bytes));
  const newState = () => { completed = 0; };
  return { engine, fetched, newState };
}

const rows = [];
for (const query of queries) {
  const { engine, fetched, newState } = visitor();
  let trips = 0;
  let results = 0;
  for (let letters = 1; letters <= query.length; letters += 1) {
    const before = fetched.length;
    newState();
    const found = await engine.search(query.slice(0, letters), { typing: true, limit: 6 });
    await Promise.all(found.results.map((r) => engine.describe(r)));
    results = found.total;
    trips = Math.max(trips, Math.max(0, ...fetched.slice(before).map((f) => f.depth)));
  }
  const raw = fetched.reduce((s, f) => s + f.raw, 0);
  const gz = fetched.reduce((s, f) => s + f.gz, 0);
  const runs = 50;
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) await engine.search(query, { limit: 20 });
  const ms = (performance.now() - started) / runs;
  const oneWord = words(query).length <= 1;
  rows.push({ query, oneWord, gz, trips, focus: trips + 1, ms });
  console.log(`${query.padEnd(32)} ${String(query.length).padStart(7)}  ${String(fetched.length).padStart(8)}  ${kb(raw).padStart(6)}  ${kb(gz).padStart(7)}  ${String(trips).padStart(15)}  ${String(trips + 1).padStart(10)}  ${String(results).padStart(7)}  ${ms.toFixed(2).padStart(8)}`);
}

const oneWord = rows.filter((r) => r.oneWord);
const worst = (list, key) => list.reduce((a, b) => (b[key] > a[key] ? b : a));
const lines = [
  [`one-word queries: most fetched`, kb(worst(oneWord, 'gz').gz), `KB gzipped ("${worst(oneWord, 'gz').query}")`, worst(oneWord, 'gz').gz <= TARGETS.oneWordKb * 1024, `≤ ${TARGETS.oneWordKb}`],
  [`one-word queries: longest chain after a keystroke`, worst(oneWord, 'trips').trips, `round trips ("${worst(oneWord, 'trips').query}"; ${worst(oneWord, 'trips').focus} counting the fetch on focus)`, worst(oneWord, 'trips').trips <= TARGETS.oneWordTrips, `≤ ${TARGETS.oneWordTrips}`],
  [`queries of up to 6 words: most fetched`, kb(worst(rows, 'gz').gz), `KB gzipped ("${worst(rows, 'gz').query}")`, worst(rows, 'gz').gz <= TARGETS.anyKb * 1024, `≤ ${TARGETS.anyKb}`],
  [`slowest query once loaded`, worst(rows, 'ms').ms.toFixed(2), `ms ("${worst(rows, 'ms').query}")`, worst(rows, 'ms').ms < TARGETS.ms, `< ${TARGETS.ms}`],
];
for (const [what, value, unit, met, target] of lines) console.log(`${what}: ${value} ${unit}, target ${target}: ${met ? 'met' : 'MISSED'}`);
