// Search tests run the browser client's engine under node over the files a build exported,
// and compare it with `signpost search`, which queries tantivy directly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from '../browser/harness.mjs';
import { createEngine } from '../../themes/default/static/search.js';

const binary = join(repo, 'target/debug/signpost');

/** Builds `root` into a temporary folder; returns the output folder and the index's base path. */
export function build(root) {
  const out = join(mkdtempSync(join(tmpdir(), 'signpost-search-')), 'site');
  execFileSync(binary, ['build', '--root', root, '--output', out], { stdio: 'pipe' });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const base = html.match(/data-index="([^"]+)"/)[1];
  return { out, base };
}

/** The browser engine, reading the exported files from disk instead of over HTTP. */
export function engine({ out, base }) {
  return createEngine(base, async (path) => JSON.parse(readFileSync(join(out, path), 'utf8')));
}

/** `signpost search --json`: tantivy's own ranking. */
export function tantivy(root, query, limit = 10) {
  const json = execFileSync(binary, ['search', query, '--root', root, '--limit', String(limit), '--json'], { encoding: 'utf8' });
  return JSON.parse(json);
}
