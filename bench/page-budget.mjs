// The weight of each page type of a built site: its HTML plus the stylesheets and scripts it
// loads when it opens (the search client and index, fetched only when someone searches, are
// not counted). Budget: under 40 KB uncompressed.
// Usage: node bench/page-budget.mjs BUILT_SITE_FOLDER [--every]
// With --every, every page of the site is weighed and the heaviest of each kind is printed
// (for generated sites, whose pages are not the example's).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = process.argv[2];
const PAGES = {
  home: '/', guidance: '/about-neglect/what-is-neglect/', section: '/worried/', 'signs matrix': '/signs/',
  'signs band': '/signs/5-11/', 'signs category': '/signs/type/nutritional/', 'signs cell': '/signs/12-plus/nutritional/',
  voices: '/voices/', 'young people': '/young-people/', directory: '/directory/', 'directory category': '/directory/category/food/',
  service: '/directory/north-family-hub/', search: '/search/', 'staying safe': '/staying-safe-online/', 'not found': '/404.html',
  'figures in a page': '/about-neglect/neglect-in-example-borough/', 'figures list': '/figures/', figure: '/figures/early-help-contacts/',
};
const BUDGET = 40 * 1024;
const read = (path) => readFileSync(join(out, path.endsWith('/') ? `${path}index.html` : path));
const every = process.argv.includes('--every');
const cache = new Map();
const readOnce = (path) => {
  if (!cache.has(path)) cache.set(path, read(path));
  return cache.get(path);
};

/** Every page of the site, as addresses. */
function allPages(dir = out, prefix = '/') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return allPages(join(dir, entry.name), `${prefix}${entry.name}/`);
    if (entry.name === 'index.html') return [prefix];
    return entry.name.endsWith('.html') && prefix === '/' ? [`/${entry.name}`] : [];
  }).filter((path) => !path.startsWith('/admin/'));
}

/** What kind of page an address is, on any site. */
function kindOf(path) {
  const rules = [
    [/^\/$/, 'home'], [/^\/search\/$/, 'search'], [/^\/search\/a-z\//, 'A to Z letter'],
    [/^\/directory\/$/, 'directory'], [/^\/directory\/page\//, 'directory page N'],
    [/^\/directory\/category\/[^/]+\/$/, 'directory category'], [/^\/directory\/category\/.*\/page\//, 'category page N'],
    [/^\/directory\/[^/]+\/$/, 'service'], [/^\/signs\//, 'signs'], [/^\/figures\//, 'figures'],
    [/\/page\/\d+\/$/, 'section page N'], [/^\/[^/]+\/$/, 'section'], [/\.html$/, 'not found'],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1] ?? 'guidance';
}

function weigh(path) {
  const html = readOnce(path);
  const text = html.toString();
  const css = [...text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => readOnce(m[1]));
  const js = [...text.matchAll(/<script (?:type="module" )?src="([^"]+)"/g)].map((m) => readOnce(m[1]));
  const page = text.match(/<form id="search-page"[^>]*>/)?.[0];
  if (page) js.push(...[...page.matchAll(/data-ui="([^"]+)"/g)].map((m) => readOnce(m[1])));
  cache.delete(path);
  return html.length + [...css, ...js].reduce((sum, f) => sum + f.length, 0);
}

if (every) {
  const heaviest = new Map();
  let pages = 0;
  let overs = 0;
  for (const path of allPages()) {
    const total = weigh(path);
    pages += 1;
    if (total > BUDGET) overs += 1;
    const kind = kindOf(path);
    const known = heaviest.get(kind);
    if (!known || total > known.total) heaviest.set(kind, { path, total, count: (known?.count ?? 0) + 1 });
    else known.count += 1;
  }
  console.log('page kind            pages  heaviest_KB  heaviest page');
  for (const [kind, { path, total, count }] of [...heaviest].sort()) {
    console.log(`${kind.padEnd(19)} ${String(count).padStart(6)}  ${(total / 1024).toFixed(1).padStart(11)}  ${path}`);
  }
  console.log(`${pages} pages, ${overs} over the 40 KB budget`);
  process.exit(overs ? 1 : 0);
}

console.log('page type            html_KB  css_KB  js_KB  total_KB  gzip_KB  budget');
let over = 0;
for (const [name, path] of Object.entries(PAGES)) {
  const html = read(path);
  const text = html.toString();
  const css = [...text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => read(m[1]));
  const js = [...text.matchAll(/<script (?:type="module" )?src="([^"]+)"/g)].map((m) => read(m[1]));
  // The search page loads its interface straight away; the engine, like the header box's, only
  // when someone searches.
  const page = text.match(/<form id="search-page"[^>]*>/)?.[0];
  if (page) js.push(...[...page.matchAll(/data-ui="([^"]+)"/g)].map((m) => read(m[1])));
  const size = (files) => files.reduce((sum, f) => sum + f.length, 0);
  const total = html.length + size(css) + size(js);
  const gz = [html, ...css, ...js].reduce((sum, f) => sum + gzipSync(f).length, 0);
  if (total > BUDGET) over += 1;
  const kb = (n) => (n / 1024).toFixed(1).padStart(6);
  console.log(`${name.padEnd(19)} ${kb(html.length)}  ${kb(size(css))} ${kb(size(js))}  ${kb(total)}   ${kb(gz)}  ${total > BUDGET ? 'OVER' : 'ok'}`);
}
process.exitCode = over ? 1 : 0;
