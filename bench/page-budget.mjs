// The weight of each page type of a built site: its HTML plus the stylesheets and scripts it
// loads when it opens (the search client and index, fetched only when someone searches, are
// not counted). Budget: under 40 KB uncompressed.
// Usage: node bench/page-budget.mjs BUILT_SITE_FOLDER
import { readFileSync } from 'node:fs';
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
console.log('page type            html_KB  css_KB  js_KB  total_KB  gzip_KB  budget');
let over = 0;
for (const [name, path] of Object.entries(PAGES)) {
  const html = read(path);
  const text = html.toString();
  const css = [...text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => read(m[1]));
  const js = [...text.matchAll(/<script (?:type="module" )?src="([^"]+)"/g)].map((m) => read(m[1]));
  // The search page loads the search engine and its interface straight away; other pages only
  // when someone searches.
  const page = text.match(/<form id="search-page"[^>]*>/)?.[0];
  if (page) js.push(...[...page.matchAll(/data-(?:client|ui)="([^"]+)"/g)].map((m) => read(m[1])));
  const size = (files) => files.reduce((sum, f) => sum + f.length, 0);
  const total = html.length + size(css) + size(js);
  const gz = [html, ...css, ...js].reduce((sum, f) => sum + gzipSync(f).length, 0);
  if (total > BUDGET) over += 1;
  const kb = (n) => (n / 1024).toFixed(1).padStart(6);
  console.log(`${name.padEnd(19)} ${kb(html.length)}  ${kb(size(css))} ${kb(size(js))}  ${kb(total)}   ${kb(gz)}  ${total > BUDGET ? 'OVER' : 'ok'}`);
}
process.exitCode = over ? 1 : 0;
