// README's promises about page weight, checked with the benchmark's own script on every run
// rather than only when someone benchmarks (the figures went stale once, unnoticed):
// - on a generated site every page, long lists included, weighs under the 40 KB budget of HTML,
//   CSS and JavaScript. The site here is smaller than the 10,000-page benchmark but of its
//   shape: one long section, a directory with pages of its own, an A to Z whose letters have
//   pages;
// - the example site's figures are the ones README gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSite, repo } from './harness.mjs';

/** What bench/page-budget.mjs prints for the built site in `dir`. */
function weigh(dir, ...args) {
  const weighed = spawnSync('node', [join(repo, 'bench/page-budget.mjs'), dir, ...args], { encoding: 'utf8' });
  return { report: weighed.stdout, status: weighed.status };
}

test('every page of a generated site with long lists stays under the 40 KB budget', () => {
  const folder = mkdtempSync(join(tmpdir(), 'signpost-budget-'));
  try {
    const site = join(folder, 'site');
    execFileSync('python3', [join(repo, 'bench/gen_site.py'), site, '600', '600']);
    execFileSync('python3', [join(repo, 'bench/gen_directory.py'), site, '300']);
    execFileSync(join(repo, 'target/debug/signpost'), ['build', '--root', site, '--today', '2026-12-01'], {
      stdio: 'ignore',
    });
    const { report, status } = weigh(join(site, 'public'), '--every');
    for (const kind of ['A to Z letter', 'directory page N', 'category page N', 'section page N', 'service']) {
      assert.match(report, new RegExp(`^${kind} `, 'm'), `the site has a ${kind}:\n${report}`);
    }
    assert.match(report, /^\d+ pages, 0 over the 40 KB budget$/m, report);
    assert.equal(status, 0, report);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("the example site's page weights are what README says", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const [, under, types] = readme.match(/(\d+) of its (\d+) page types are under/);
  const [, heaviestGzip] = readme.match(/Compressed as hosts send them, the heaviest page is (\d+) KB/);
  const out = buildSite();
  try {
    const rows = weigh(out).report.split('\n').filter((line) => / (ok|OVER)$/.test(line));
    assert.equal(rows.length, Number(types), rows.join('\n'));
    assert.equal(rows.filter((row) => row.endsWith(' ok')).length, Number(under), rows.join('\n'));
    const gzip = Math.max(...rows.map((row) => Number(row.trim().split(/\s+/).at(-2))));
    assert.equal(Math.round(gzip), Number(heaviestGzip), rows.join('\n'));
  } finally {
    rmSync(dirname(out), { recursive: true, force: true });
  }
});
