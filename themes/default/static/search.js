// signpost search in the browser. The engine follows src/search/ALGORITHM.md step by step (the
// numbers below are its steps) over the index format of src/search/format.rs; `signpost search`
// runs the Rust implementation of the same steps, and tests/search/parity.test.mjs holds the two
// to the same results. Scores are 32-bit floats (Math.fround after every operation), as in Rust.
// This file is the engine alone; search-box.js (the header box) and search-page.js (the search
// page) are the interfaces, loaded beside it by search-loader.js.
const f = Math.fround;
const VERSION = 2;
const COMPLETION = f(0.8);
const NEAR_WORD = [1, f(0.6), f(0.4)];
const NEAR_START = [f(0.7), f(0.5), f(0.35)];
const SYNONYM = 0.5;
const MAX_TERMS = 6;
const MAX_GROUPS = 10;
const IN_TITLE = 0x80;
const SECTION = 0x7f;
const utf8 = new TextEncoder();
const text = new TextDecoder();

// Step 1.
export const words = (typed) =>
  typed.toLowerCase().replace(/['’‘ʼ]/g, '').split(/[^\p{Alphabetic}\p{N}]+/u).filter((w) => w && utf8.encode(w).length < 40);

const shardKey = (word) => [...word].slice(0, 2).join('');
const fileKey = (key) =>
  /^[a-z0-9]+$/.test(key) ? key : `x${[...utf8.encode(key)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
const contains = (seq, phrase) => phrase.length > 0 && seq.some((_, i) => phrase.every((w, j) => seq[i + j] === w));
const editsAllowed = (letters) => (letters < 4 ? 0 : letters < 8 ? 1 : 2);

// The edits from `a` to `b` (optimal string alignment, in characters), and to b's closest start.
export function distances(a, b) {
  const [x, y] = [[...a], [...b]];
  let rows = [y.map((_, j) => j + 1)];
  rows[0].unshift(0);
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= y.length; j += 1) {
      let best = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      row.push(best);
    }
    rows.push(row);
  }
  const last = rows[x.length];
  return { whole: last[y.length], prefix: Math.min(...last) };
}

// A reader of the binary files: a version byte, then LEB128 varints, bytes and strings.
function reader(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== VERSION) throw new Error('search index version');
  let at = 1;
  const r = {
    varint() {
      let value = 0;
      let scale = 1;
      let byte;
      do {
        byte = bytes[at++];
        value += (byte & 127) * scale;
        scale *= 128;
      } while (byte & 128);
      return value;
    },
    byte: () => bytes[at++],
    raw(n) {
      at += n;
      return bytes.subarray(at - n, at);
    },
    f32: () => new DataView(bytes.buffer, bytes.byteOffset + (at += 4) - 4, 4).getFloat32(0, true),
    // A front-coded string: bytes shared with the previous one, then the rest.
    front(previous) {
      const shared = r.varint();
      const rest = r.raw(r.varint());
      const whole = new Uint8Array(shared + rest.length);
      whole.set(previous.subarray(0, shared));
      whole.set(rest, shared);
      return whole;
    },
    postings(flagged) {
      const n = r.varint();
      const list = { docs: new Uint32Array(n), levels: new Uint8Array(n), flags: new Uint8Array(n) };
      for (let i = 0, doc = 0; i < n; i += 1) {
        doc += r.varint();
        list.docs[i] = doc;
        list.levels[i] = r.byte();
        if (flagged) list.flags[i] = r.byte();
      }
      return list;
    },
  };
  return r;
}

function decodeDictionary(buffer) {
  const r = reader(buffer);
  const terms = [];
  let previous = new Uint8Array(0);
  for (let n = r.varint(); n > 0; n -= 1) {
    previous = r.front(previous);
    terms.push({ term: text.decode(previous), df: r.varint(), pack: r.varint(), slot: r.varint() });
  }
  const words = [];
  previous = new Uint8Array(0);
  for (let n = r.varint(); n > 0; n -= 1) {
    previous = r.front(previous);
    const ref = r.varint();
    words.push([text.decode(previous), ref ? ref - 1 : text.decode(r.raw(r.varint()))]);
  }
  return { terms, words, byWord: new Map(words.map(([w], i) => [w, i])), byTerm: new Map(terms.map((t, i) => [t.term, i])) };
}

// A pack: each term's top impact, head, tail count and cards (its best documents as results).
function decodePack(buffer) {
  const r = reader(buffer);
  const string = () => text.decode(r.raw(r.varint()));
  const terms = [];
  for (let n = r.varint(); n > 0; n -= 1) {
    const term = { top: r.f32(), head: r.postings(true), tail: r.varint(), cards: [] };
    for (let c = r.varint(); c > 0; c -= 1) {
      term.cards.push({ doc: r.varint(), title: string(), url: string(), kind: r.byte() });
    }
    terms.push(term);
  }
  return terms;
}

function decodeFacets(buffer) {
  const r = reader(buffer);
  const facets = [];
  for (let n = r.varint(); n > 0; n -= 1) facets.push([r.byte(), r.varint()]);
  return facets;
}

export const fetchBytes = (url) => fetch(url).then((response) => {
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.arrayBuffer();
});

// The engine over the index at `root` (its index.json). `load` fetches a file's bytes; `first`
// may hold index.json's bytes, already on their way.
export function createEngine(root, load = fetchBytes, first = null) {
  const files = new Map();
  let manifest;
  let dictKeys;
  const cards = new Map(); // doc -> its card, from a loaded pack
  first?.catch(() => {}); // a failure is reported by the search that reads it
  // A file, fetched once; one that fails is fetched again next time (the dev server may still
  // be building the index).
  const file = (name, decode) => {
    if (!files.has(name)) {
      const manifestFile = name === 'index.json';
      const bytes = manifestFile && first ? first : load((manifestFile ? root : manifest.base) + name);
      if (manifestFile) first = null;
      files.set(name, bytes.then(decode).catch((error) => {
        files.delete(name);
        throw error;
      }));
    }
    return files.get(name);
  };
  const json = (name) => file(name, (bytes) => JSON.parse(text.decode(bytes)));
  const dict = (key) => (dictKeys.has(fileKey(key)) ? file(`words-${fileKey(key)}.bin`, decodeDictionary) : Promise.resolve(null));
  const pack = (id) => file(`pack-${id}.bin`, (bytes) => {
    const terms = decodePack(bytes);
    for (const term of terms) for (const card of term.cards) cards.set(card.doc, card);
    return terms;
  });
  // A term's entry in its pack; with `complete`, its tail's postings too.
  const postings = async ({ entry }, complete) => {
    const term = (await pack(entry.pack))[entry.slot];
    const tail = complete && term.tail > 0 && await file(`tail-${entry.pack}-${entry.slot}.bin`, (bytes) => reader(bytes).postings(false));
    return [term, tail ? [term.head, tail] : [term.head]];
  };

  async function locate(s, ref) {
    const found = typeof ref === 'number' ? s : await dict(shardKey(ref));
    const position = typeof ref === 'number' ? ref : found?.byTerm.get(ref);
    return position === undefined ? null : { entry: found.terms[position] };
  }

  // Steps 6.1 and 6.2.
  function exact(s, word) {
    if (!s) return null;
    if (s.byWord.has(word)) return [s.byWord.get(word), 1, 'exact'];
    for (const [remove, add] of manifest.endings) {
      const other = word.endsWith(remove) && word.slice(0, -remove.length) + add;
      if (other && [...other].length >= 3 && s.byWord.has(other)) return [s.byWord.get(other), 1, 'ending'];
    }
    return null;
  }

  // Step 6: a typed word's terms, and whether only near words found them.
  async function candidates(word, unfinished, mayBeNear) {
    const key = shardKey(word);
    const s = await dict(key);
    const group = { word, synonym: false, terms: [], places: [] };
    if (!s) return { group, nearOnly: false };
    const found = [];
    const taken = new Set();
    const add = (at, weight, how) => {
      found.push([at, weight, how]);
      taken.add(at);
    };
    const hit = exact(s, word);
    if (hit) add(...hit);
    if (unfinished) s.words.forEach(([w], at) => { if (w !== word && w.startsWith(word) && !taken.has(at)) add(at, COMPLETION, 'completion'); });
    const edits = editsAllowed([...word].length);
    let nearOnly = !hit && edits > 0 && mayBeNear;
    if (nearOnly) {
      s.words.forEach(([w], at) => {
        if (taken.has(at)) return;
        const d = distances(word, w);
        const weights = [d.whole <= edits && NEAR_WORD[d.whole], d.prefix <= edits && NEAR_START[d.prefix]].filter((x) => x !== false);
        if (weights.length) add(at, Math.max(...weights), 'near');
      });
    }
    const df = (at) => (typeof s.words[at][1] === 'number' ? s.terms[s.words[at][1]].df : 0);
    found.sort((a, b) => b[1] - a[1] || df(b[0]) - df(a[0]) || a[0] - b[0]);
    for (const [at, weight, how] of found) {
      if (group.terms.length === MAX_TERMS) break;
      const place = await locate(s, s.words[at][1]);
      if (!place) continue;
      const term = place.entry.term;
      if (group.terms.some((t) => t.term === term)) continue;
      group.terms.push({ word: s.words[at][0], term, weight, how });
      group.places.push(place);
    }
    nearOnly = nearOnly && group.terms.length > 0 && group.terms.every((t) => t.how === 'near');
    return { group, nearOnly };
  }

  // Step 7.
  async function synonyms(plain, corrected, typed, groups) {
    for (const [phrase, targets] of manifest.synonyms) {
      if (!contains(plain, phrase) && !contains(corrected, phrase)) continue;
      const covers = typed.flatMap(([word], i) =>
        (phrase.includes(word) || plain.some((p, k) => p === word && phrase.includes(corrected[k])) ? [i] : []));
      for (const target of targets) {
        const s = await dict(shardKey(target));
        const hit = exact(s, target);
        const place = hit && await locate(s, s.words[hit[0]][1]);
        if (!place) continue;
        const term = place.entry.term;
        if (groups.some((g) => g.terms.some((t) => t.term === term))) continue;
        const how = hit[2] === 'exact' ? 'synonym' : hit[2];
        groups.push({ word: target, synonym: true, terms: [{ word: s.words[hit[0]][0], term, weight: SYNONYM, how }], places: [place], covers });
      }
    }
  }

  // Steps 9 to 11 and 13.
  async function score(groups, counted, complete) {
    const matches = new Map();
    for (const [g, group] of groups.entries()) {
      for (const [i, { weight }] of group.terms.entries()) {
        const place = group.places[i];
        const common = place.entry.df * 20 > manifest.docs;
        const [{ top }, lists] = await postings(place, complete);
        for (const list of lists) {
          for (let p = 0; p < list.docs.length; p += 1) {
            const value = f(weight * f(f(top * list.levels[p]) / 255));
            const doc = list.docs[p];
            if (!matches.has(doc)) matches.set(doc, new Array(groups.length).fill(null));
            const slot = matches.get(doc);
            if (!slot[g] || value > slot[g][0]) slot[g] = [value, list.flags[p], common];
          }
        }
      }
    }
    const typedCount = counted.length;
    const g = counted.filter(Boolean).length;
    const scored = new Map();
    for (const [doc, found] of matches) {
      const hits = found.filter(Boolean);
      let sum = 0;
      for (const [value] of hits) sum = f(sum + value);
      const m = counted.filter((c, i) => c && (found[i] || groups.slice(typedCount).some((s, k) => found[typedCount + k] && s.covers.includes(i)))).length;
      sum = f(sum * f((1 + m) / (1 + g)));
      if (g >= 2 && m === 1 && hits.length === 1 && hits[0][1] & IN_TITLE && hits[0][2]) sum = f(sum * 0.5);
      scored.set(doc, { doc, score: sum, section: bestSection(hits) });
    }
    return scored;
  }

  function bestSection(hits) {
    const tally = new Map();
    let total = 0;
    for (const [value, flags] of hits) {
      const s = flags & SECTION;
      tally.set(s, f((tally.get(s) ?? 0) + value));
      total = f(total + value);
    }
    let best = 0;
    let bestValue = 0;
    for (let s = 1; s <= SECTION; s += 1) {
      if ((tally.get(s) ?? 0) > bestValue) [best, bestValue] = [s, tally.get(s)];
    }
    return best && f(bestValue * 2) >= total ? best : 0;
  }

  // Step 12.
  async function order(scored, help, kinds, band) {
    const ranked = [];
    if (help) {
      for (const doc of manifest.help.docs) {
        if (!ranked.some((h) => h.doc === doc)) ranked.push(scored.get(doc) ?? { doc, score: 0, section: 0 });
        scored.delete(doc);
      }
      ranked.sort((a, b) => b.score - a.score); // stable: the order listed breaks ties
    }
    ranked.push(...[...scored.values()].sort((a, b) => b.score - a.score || a.doc - b.doc));
    if (!kinds.length && !band) return ranked;
    const facets = await file('facets.bin', decodeFacets);
    const bit = band ? manifest.bands.indexOf(band) : null;
    return ranked.filter(({ doc }) => {
      const [kind, bands] = facets[doc] ?? [];
      if (kind === undefined) return false;
      const kindOk = !kinds.length || kinds.includes(manifest.kinds[kind]);
      const bandOk = bit === null || bands === 0 || (bit >= 0 && (bands & (1 << Math.min(bit, 31))) !== 0);
      return kindOk && bandOk;
    });
  }

  return {
    // { groups, help, total, partial, results: [{ doc, score, section }] }
    async search(query, { typing = false, limit = 10, kinds = [], band = '', complete = false } = {}) {
      manifest ??= await json('index.json');
      if (manifest.version !== VERSION) throw new Error('search index version');
      dictKeys ??= new Set(manifest.dictionaries);
      // Steps 1 and 2.
      const typedWords = words(query);
      const unfinishedLast = typing && !/\s$/u.test(query);
      const sequence = [];
      typedWords.forEach((word, i) => {
        const unfinished = unfinishedLast && i === typedWords.length - 1;
        const right = !unfinished && manifest.misspellings.find(([wrong]) => wrong === word);
        if (right) sequence.push(...right[1].map((w) => [w, false]));
        else sequence.push([word, unfinished]);
      });
      const plain = sequence.map(([w]) => w);
      const help = manifest.help.phrases.some((phrase) => contains(plain, phrase)); // Step 3.
      const stop = new Set(manifest.stop_words);
      const typed = []; // Step 4.
      for (const [word, unfinished] of sequence) {
        if (!stop.has(word) && !(unfinished && [...word].length < 3) && !typed.some(([w]) => w === word)) typed.push([word, unfinished]);
      }
      typed.length = Math.min(typed.length, MAX_GROUPS);
      // Step 5: every dictionary the words and their synonyms need, at once.
      const phrases = manifest.synonyms.filter(([p]) => contains(plain, p));
      const wanted = [...typed.map(([w]) => w), ...phrases.flatMap(([, t]) => t)];
      await Promise.all([...wanted.map((w) => dict(shardKey(w))), kinds.length || band ? file('facets.bin', decodeFacets) : null]);
      const groups = [];
      const corrected = [...plain];
      const inPhrases = new Set(phrases.flatMap(([p]) => p));
      for (const [word, unfinished] of typed) {
        const { group, nearOnly } = await candidates(word, unfinished, !inPhrases.has(word));
        if (nearOnly && !unfinished) plain.forEach((w, i) => { if (w === word) corrected[i] = group.terms[0].word; });
        group.covers = [groups.length];
        groups.push(group);
      }
      await synonyms(plain, corrected, typed, groups);
      const counted = typed.map((_, i) => groups[i].terms.length > 0 || groups.slice(typed.length).some((g) => g.covers.includes(i)));
      const places = groups.flatMap((g) => g.places);
      const packs = await Promise.all(places.map(({ entry }) => pack(entry.pack))); // every pack at once
      const partial = !complete && places.some(({ entry }, i) => packs[i][entry.slot].tail > 0);
      const outcome = { groups: groups.map(({ word, synonym, terms }) => ({ word, synonym, terms })), help, partial };
      const scored = groups.some((g) => g.terms.length) ? await score(groups, counted, complete) : new Map();
      const ranked = await order(scored, help, kinds, band);
      return { ...outcome, total: ranked.length, results: ranked.slice(0, limit) };
    },
    // A result's title, address and kind, from the card a loaded pack holds for it, else from
    // the metadata chunks. In `full`, with its section (heading and anchor) and excerpt too.
    async describe({ doc, section }, full = false) {
      const chunk = (name, size) => json(`${name}-${Math.floor(doc / size)}.json`).then((list) => list[doc % size]);
      const [card, sections, excerpt] = await Promise.all([
        cards.get(doc) ?? chunk('meta', manifest.meta_chunk).then(([title, url, kind]) => ({ title, url, kind })),
        full && section ? chunk('sections', manifest.meta_chunk) : [],
        full && chunk('text', manifest.text_chunk),
      ]);
      const [anchor, heading] = sections[section - 1] ?? [];
      return {
        title: heading ? `${card.title}: ${heading}` : card.title,
        url: anchor ? `${card.url}#${anchor}` : card.url,
        kind: manifest.kinds[card.kind],
        excerpt: excerpt || '',
      };
    },
    // The words of the site that stand for the query's terms, for highlighting.
    async surfaces(groups) {
      const terms = new Set(groups.flatMap((g) => g.terms.map((t) => t.term)));
      const found = new Set();
      for (const [name, pending] of files) {
        if (!name.startsWith('words-')) continue;
        const s = await pending;
        for (const [w, ref] of s.words) if (terms.has(typeof ref === 'number' ? s.terms[ref].term : ref)) found.add(w);
      }
      return found;
    },
  };
}
