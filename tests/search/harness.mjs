// Search tests run the browser client's engine under node over the files a build exported, and
// compare it with `signpost search`, which runs the Rust engine over the same export.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from '../browser/harness.mjs';
import { createEngine } from '../../themes/default/static/search.js';

const binary = join(repo, 'target/debug/signpost');

/** Builds `root` into a temporary folder; returns the output folder and the index's base path
 * (the one `page`, the home page in a language, searches). */
export function build(root, page = 'index.html') {
  const out = join(mkdtempSync(join(tmpdir(), 'signpost-search-')), 'site');
  execFileSync(binary, ['build', '--root', root, '--output', out], { stdio: 'pipe' });
  const html = readFileSync(join(out, page), 'utf8');
  const base = html.match(/data-index="([^"]+)"/)[1];
  return { out, base };
}

/** The browser engine, reading the exported files from disk instead of over HTTP. */
export function engine({ out, base }) {
  return createEngine(base, async (path) => readFileSync(join(out, path)));
}

/** `signpost search --json` for every query at once (the Rust engine); `flags` as the CLI takes them. */
export function cli(root, queries, flags = []) {
  const file = join(mkdtempSync(join(tmpdir(), 'signpost-queries-')), 'queries.txt');
  writeFileSync(file, queries.join('\n'));
  const json = execFileSync(binary, ['search', '--queries', file, '--root', root, '--json', ...flags], {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(json);
}
