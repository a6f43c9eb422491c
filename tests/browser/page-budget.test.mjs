// README promises that on a generated site every page, long lists included, weighs under the
// 40 KB budget of HTML, CSS and JavaScript. This builds a smaller site of the same shape as the
// 10,000-page benchmark (one long section, a directory long enough to have pages of its own,
// an A to Z long enough to give a letter pages) and weighs every page with the benchmark's own
// script, so the promise is checked on every run and not only when someone benchmarks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './harness.mjs';

test('every page of a generated site with long lists stays under the 40 KB budget', () => {
  const site = join(mkdtempSync(join(tmpdir(), 'signpost-budget-')), 'site');
  execFileSync('python3', [join(repo, 'bench/gen_site.py'), site, '600', '600']);
  execFileSync('python3', [join(repo, 'bench/gen_directory.py'), site, '300']);
  execFileSync(join(repo, 'target/debug/signpost'), ['build', '--root', site, '--today', '2026-12-01'], {
    stdio: 'ignore',
  });
  const weighed = spawnSync('node', [join(repo, 'bench/page-budget.mjs'), join(site, 'public'), '--every'], {
    encoding: 'utf8',
  });
  const report = weighed.stdout;
  for (const kind of ['A to Z letter', 'directory page N', 'category page N', 'section page N', 'service']) {
    assert.match(report, new RegExp(`^${kind} `, 'm'), `the site has a ${kind}:\n${report}`);
  }
  assert.match(report, /^\d+ pages, 0 over the 40 KB budget$/m, report);
  assert.equal(weighed.status, 0, report);
});
