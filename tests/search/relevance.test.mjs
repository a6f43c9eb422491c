// Relevance: queries as worried adults and young people type them, typos and all, run by the
// browser's engine over the example site. Each must find one of its answers in the top three.
// The tuning set (tuning.mjs) must pass in full; the held-out set (held-out.mjs), written before
// any tuning and never tuned on, is reported and must not fall below its floor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repo } from '../browser/harness.mjs';
import { build, engine } from './harness.mjs';
import { TUNING } from './tuning.mjs';
import { HELD_OUT } from './held-out.mjs';

/** The share of held-out queries that must find an answer: what the engine scored when the set was last reported, less a margin. */
const HELD_OUT_FLOOR = 0.85;

async function misses(cases) {
  const search = engine(build(repo));
  const missed = [];
  for (const [query, wanted] of cases) {
    const answers = [wanted].flat();
    const { results } = await search.search(query, { limit: 3 });
    const urls = await Promise.all(results.map(async (r) => (await search.describe(r)).url));
    if (!urls.some((url) => answers.includes(url) || answers.includes(url.split('#')[0]))) {
      missed.push(`"${query}": wanted ${answers.slice(0, 3).join(' or ')}…, got ${urls.join(', ')}`);
    }
  }
  return missed;
}

test(`tuning set: all ${TUNING.length} queries find an answer in the top three`, async () => {
  const missed = await misses(TUNING);
  console.log(`tuning set: ${TUNING.length - missed.length}/${TUNING.length}`);
  assert.deepEqual(missed, []);
});

test(`held-out set: at least ${HELD_OUT_FLOOR * 100}% of ${HELD_OUT.length} queries find an answer in the top three`, async () => {
  const missed = await misses(HELD_OUT);
  const score = (HELD_OUT.length - missed.length) / HELD_OUT.length;
  console.log(`held-out set: ${HELD_OUT.length - missed.length}/${HELD_OUT.length}\n  ${missed.join('\n  ')}`);
  assert.ok(score >= HELD_OUT_FLOOR, `${(score * 100).toFixed(0)}%:\n${missed.join('\n')}`);
});
