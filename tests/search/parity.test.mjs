// Parity: for exact-word queries the browser client ranks exactly as tantivy does, on the
// example site and on a synthetic site of 300 pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from '../browser/harness.mjs';
import { build, engine, tantivy } from './harness.mjs';

const EXAMPLE_QUERIES = [
  'neglect', 'hungry', 'school', 'childline', 'report concern', 'health visitor', 'food bank',
  'clothes dirty', 'alone', 'doctor appointments', 'young carers', 'parenting course', 'teeth',
  'housing', 'family hub', 'supervision', 'emotional neglect', 'baby', 'drugs alcohol', 'friend',
];
const SYNTHETIC_QUERIES = ['child', 'parent school', 'hungry tired', 'nurse', 'care needs again', 'supervision alone week'];

async function assertParity(root, queries) {
  const site = build(root);
  const search = engine(site);
  for (const query of queries) {
    const expected = tantivy(root, query);
    const actual = await search.search(query, { limit: 10 });
    assert.deepEqual(actual.terms, expected.terms, `terms for "${query}"`);
    assert.deepEqual(
      actual.results.map((r) => r.url),
      expected.results.map((r) => r.url),
      `top 10 for "${query}"`,
    );
    actual.results.forEach((r, i) => {
      assert.ok(Math.abs(r.score - expected.results[i].score) < 1e-3, `score of ${r.url} for "${query}": ${r.score} vs ${expected.results[i].score}`);
    });
  }
}

test('the client ranks exact-word queries as tantivy does on the example site', async () => {
  await assertParity(repo, EXAMPLE_QUERIES);
});

test('the client ranks exact-word queries as tantivy does on a synthetic site', async () => {
  const root = join(mkdtempSync(join(tmpdir(), 'signpost-synthetic-')), 'site');
  execFileSync('python3', [join(repo, 'bench/gen_site.py'), root, '300']);
  await assertParity(root, SYNTHETIC_QUERIES);
});
