// Parity: the browser's engine (search.js) and `signpost search` (src/search/query.rs) read the
// same exported index and must agree on every query of a generated set: how each word was read,
// whether it asks for help, how many documents match, and each result's document, score (to
// the bit) and section. The set is made from the site's own words: exact words, typos of one and
// two edits, unfinished words while typing, other endings, synonym phrases, misspellings, help
// questions, stop words, long and foreign words, emoji and punctuation, with and without filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from '../browser/harness.mjs';
import { build, cli, engine } from './harness.mjs';
import { words } from '../../themes/default/static/search.js';

/** A small seeded generator, so the query set is the same on every run. */
function random(seed) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return { int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

/** Every word of the files under `dir` (Markdown and YAML) in the language `code` (a file
 * named `x.pl.md`; English: any other), most frequent first. */
function vocabulary(dir, code = null) {
  const counts = new Map();
  const ours = (name) => (code ? name.endsWith(`.${code}.md`) || name.endsWith(`.${code}.yaml`) : /\.(md|yaml)$/.test(name));
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (ours(name)) for (const w of words(readFileSync(path, 'utf8'))) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  };
  walk(join(dir, 'content'));
  try { walk(join(dir, 'directory_data')); } catch { /* no directory */ }
  const letters = code ? /^\p{L}+$/u : /^[a-z]+$/;
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w).filter((w) => letters.test(w));
}

let LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit: a letter added, removed, changed, or two neighbours swapped. */
function typo(word, rng) {
  const i = rng.int(word.length);
  switch (rng.int(4)) {
    case 0: return word.slice(0, i) + rng.pick(LETTERS) + word.slice(i);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    case 2: return word.slice(0, i) + rng.pick(LETTERS) + word.slice(i + 1);
    default: return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word + 'e';
  }
}

/** The generated queries: [finished queries, queries while typing]. */
function querySet(root, synonymsText, code = null) {
  const rng = random(13);
  const vocab = vocabulary(root, code);
  LETTERS = code ? [...new Set(vocab.join(''))].join('') : 'abcdefghijklmnopqrstuvwxyz';
  const common = vocab.slice(0, 60);
  const rare = vocab.slice(-200);
  const long = vocab.filter((w) => w.length >= 8);
  const finished = new Set(['🙁', '?!', 'the', 'to be or not to be', 'who can i talk to', 'what happens when i report',
    'i need someone to talk to', 'is it my fault', 'mum’s depressed', "can't afford food", 'NEGLECT', 'ça va', 'x'.repeat(45),
    'kids', 'sees', 'feeds', 'starving', 'nutrtion', 'nutrishun', 'supervison', '0800 1111', 'never goes to school',
    Array.from({ length: 30 }, (_, i) => `word${i} food`).join(' ')]);
  for (let i = 0; i < 25; i += 1) finished.add(rng.pick(common));
  for (let i = 0; i < 25; i += 1) finished.add(rng.pick(rare));
  for (let i = 0; i < 40; i += 1) finished.add(typo(rng.pick(vocab.filter((w) => w.length >= 4)), rng));
  for (let i = 0; i < 20; i += 1) finished.add(typo(typo(rng.pick(long), rng), rng));
  for (let i = 0; i < 15; i += 1) finished.add(`${rng.pick(common)}${rng.pick(['s', 'es', 'ing', 'ed'])}`);
  for (let i = 0; i < 30; i += 1) {
    const n = 2 + rng.int(5);
    finished.add(Array.from({ length: n }, () => rng.pick(rng.int(3) ? common : vocab)).join(' '));
  }
  // Every phrase and misspelling of synonyms.yaml, as people would put them in a sentence.
  for (const line of synonymsText.split('\n')) {
    const match = line.match(code ? /^\s+([\p{L}' ]+):/u : /^\s+([a-z' ]+):/);
    if (match && !['phrases', 'pages'].includes(match[1].trim())) finished.add(`my friend ${match[1].trim()} ${rng.pick(common)}`);
    for (const phrase of line.match(/phrases: \[(.*)\]/)?.[1].split(',') ?? []) finished.add(`${phrase.trim()} about ${rng.pick(common)}`);
  }
  const typing = new Set(['who can i talk to', 'my child will not e', 'my child will not ea', 'th', 'the', 't', 'safe sleep ',
    'worried about a', 'nutrt', 'my mate never has lunc']);
  for (let i = 0; i < 40; i += 1) {
    const word = rng.pick(vocab.filter((w) => w.length >= 3));
    typing.add(word.slice(0, 2 + rng.int(word.length - 1)));
  }
  for (let i = 0; i < 20; i += 1) {
    const last = rng.pick(long);
    typing.add(`${rng.pick(common)} ${typo(last, rng).slice(0, 4 + rng.int(4))}`);
  }
  return [[...finished], [...typing]];
}

async function assertParity(root, { filters = [], code = null } = {}) {
  const site = build(root, code ? `${code}/index.html` : 'index.html');
  const js = engine(site);
  let synonymsText = '';
  try { synonymsText = readFileSync(join(root, `content/search/synonyms${code ? `.${code}` : ''}.yaml`), 'utf8'); } catch { /* none */ }
  const [finished, typing] = querySet(root, synonymsText, code);
  const runs = [
    [finished, [], {}],
    [typing, ['--typing'], { typing: true }],
    ...filters.map(([flags, options]) => [finished.slice(0, 60), flags, options]),
  ];
  const language = code ? ['--language', code] : [];
  let compared = 0;
  for (const [queries, flags, options] of runs) {
    const rust = cli(root, queries, ['--limit', '20', ...language, ...flags]);
    for (const [i, query] of queries.entries()) {
      const complete = Boolean(options.kinds?.length || options.band);
      const mine = await js.search(query, { limit: 20, complete, ...options });
      const theirs = rust[i];
      const label = `"${query}" ${flags.join(' ')}`;
      assert.equal(theirs.query, query);
      assert.deepEqual(
        mine.groups,
        theirs.groups.map((g) => ({ ...g, terms: g.terms.map((t) => ({ ...t, weight: Math.fround(t.weight) })) })),
        `how ${label} was read`,
      );
      assert.equal(mine.help, theirs.help, `help for ${label}`);
      assert.equal(mine.partial, theirs.partial, `partial for ${label}`);
      assert.equal(mine.total, theirs.total, `total for ${label}`);
      assert.deepEqual(
        mine.results.map((r) => [r.doc, r.score, r.section]),
        theirs.results.map((r) => [r.doc, Math.fround(r.score), r.section]),
        `results for ${label}`,
      );
      compared += 1;
    }
  }
  return compared;
}

test('the browser and signpost search agree on every generated query over the example site', async () => {
  const compared = await assertParity(repo, {
    filters: [[['--kind', 'service'], { kinds: ['service'] }], [['--band', '0-2', '--kind', 'sign'], { band: '0-2', kinds: ['sign'] }]],
  });
  console.log(`example site: ${compared} queries compared`);
  assert.ok(compared > 300, `${compared} queries compared`);
});

for (const [code, name] of [['pl', 'Polish (no stemmer)'], ['ar', 'Arabic (its stemmer)']]) {
  test(`the browser and signpost search agree on the example site's ${name} index`, async () => {
    const compared = await assertParity(repo, { code });
    console.log(`example site in ${code}: ${compared} queries compared`);
    assert.ok(compared > 100, `${compared} queries compared`);
  });
}

test('the browser and signpost search agree on a synthetic site of 400 pages, where common words have tails', async () => {
  const root = join(mkdtempSync(join(tmpdir(), 'signpost-synthetic-')), 'site');
  execFileSync('python3', [join(repo, 'bench/gen_site.py'), root, '400']);
  execFileSync('python3', [join(repo, 'bench/gen_directory.py'), root, '60']);
  const compared = await assertParity(root, { filters: [[['--kind', 'service'], { kinds: ['service'] }]] });
  console.log(`synthetic site: ${compared} queries compared`);
  assert.ok(compared > 200, `${compared} queries compared`);
});
