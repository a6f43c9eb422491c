// signpost search: runs in the browser over the static index the build exports, fetching only
// the shards a query needs. BM25 scores are computed in 32-bit floats exactly as tantivy
// computes them, so results match `signpost search`. No dependencies, no other origin.
const f = Math.fround;
const K1 = f(1.2);
const B = f(0.75);

export const words = (text) =>
  text.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u).filter((w) => w && new TextEncoder().encode(w).length < 40);

const shardKey = (word) => [...word].slice(0, 2).join('');
const fileKey = (key) =>
  /^[a-z0-9]+$/.test(key) ? key : `x${[...new TextEncoder().encode(key)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;

// True when b is a, or a with one letter added, removed, changed or two neighbours swapped.
export function oneEdit(a, b) {
  if (a === b) return true;
  const [x, y] = [[...a], [...b]];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i += 1;
  const rest = (p, q) => x.slice(p).join('') === y.slice(q).join('');
  if (x.length === y.length) return rest(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
  return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1);
}

// The typed words, then the words their synonym phrases add, each once.
export function expand(typed, synonyms) {
  const out = [...new Set(typed)];
  for (const [phrase, targets] of synonyms) {
    const hit = typed.some((_, i) => phrase.every((word, j) => typed[i + j] === word));
    if (hit) for (const t of targets) if (!out.includes(t)) out.push(t);
  }
  return out;
}

export function createEngine(root, load = (url) => fetch(url).then((r) => r.json())) {
  const cache = new Map();
  // The manifest is at root/index.json; it names the folder of this build's other files.
  const get = (name) => {
    if (!cache.has(name)) cache.set(name, load((name === 'index.json' ? root : manifest.base) + name));
    return cache.get(name);
  };
  let manifest;
  const shard = async (key) => {
    const file = fileKey(key);
    return manifest.shards.includes(file) ? get(`shard-${file}.json`) : null;
  };

  // The terms a word stands for: its own, else those of the words it begins (the last word,
  // while typing) and of the words one typo away (five letters or more).
  async function termsOf(word, prefix) {
    if (!prefix && manifest.stop_words.includes(word)) return [];
    const s = await shard(shardKey(word));
    if (!s) return [];
    if (s.words[word]) return [s.words[word]];
    const near = Object.keys(s.words).filter((w) =>
      (prefix && w.startsWith(word)) || ([...word].length >= 5 && oneEdit(word, w)));
    return [...new Set(near.map((w) => s.words[w]))].slice(0, 12);
  }

  // A word the site does not use, corrected to the site's word one typo away that most pages
  // use ("hungrey" -> "hungry"), so synonyms apply to it too.
  async function corrected(word) {
    if ([...word].length < 5 || manifest.stop_words.includes(word)) return word;
    const s = await shard(shardKey(word));
    if (!s || s.words[word]) return word;
    const pages = (w) => s.terms[s.words[w]]?.reduce((sum, list) => sum + list.length, 0) ?? 0;
    const near = Object.keys(s.words).filter((w) => oneEdit(word, w)).sort((a, b) => pages(b) - pages(a));
    return near[0] ?? word;
  }

  async function score(terms) {
    const scores = new Map();
    const n = f(manifest.docs);
    for (const term of terms) {
      const lists = (await shard(shardKey(term)))?.terms[term];
      if (!lists) continue;
      manifest.fields.forEach(([, boost, tokens], slot) => {
        const list = lists[slot];
        if (!list.length) return;
        const df = f(list.length / 3);
        const avg = f(f(tokens) / n);
        const idf = f(Math.log(f(1 + f(f(f(n - df) + 0.5) / f(df + 0.5)))));
        const weight = f(f(idf * f(1 + K1)) * f(boost));
        for (let i = 0, doc = 0; i < list.length; i += 3) {
          doc += list[i];
          const tf = f(list[i + 1]);
          const norm = f(K1 * f(f(1 - B) + f(f(B * f(list[i + 2])) / avg)));
          scores.set(doc, f((scores.get(doc) ?? 0) + f(weight * f(tf / f(tf + norm)))));
        }
      });
    }
    return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  async function meta(doc, full = false) {
    if (!full) {
      for (const s of await Promise.all([...cache.keys()].filter((k) => k.startsWith('shard-')).map(get))) {
        if (s?.docs[doc]) return s.docs[doc];
      }
    }
    return (await get(`meta-${Math.floor(doc / manifest.meta_chunk)}.json`))[doc % manifest.meta_chunk];
  }

  return {
    // { terms, total, results: [{ doc, score, title, url, kind }] }; `prefix` while typing.
    async search(query, { prefix = false, limit = 10, kinds = [], band = '' } = {}) {
      manifest ??= await get('index.json');
      const typing = prefix && !/\s$/.test(query);
      const typed = words(query);
      const fixed = await Promise.all(typed.map((w, i) => (typing && i === typed.length - 1 ? w : corrected(w))));
      const all = [...new Set([...expand(typed, manifest.synonyms), ...expand(fixed, manifest.synonyms)])];
      const terms = [];
      for (const word of all) {
        for (const t of await termsOf(word, typing && word === typed.at(-1))) if (!terms.includes(t)) terms.push(t);
      }
      const ranked = await score(terms);
      const filtering = kinds.length || band;
      const results = [];
      for (const [doc, value] of ranked) {
        if (results.length >= limit) break;
        const m = await meta(doc, filtering);
        if (kinds.length && !kinds.includes(m[2])) continue;
        if (band && !m[3].includes(band)) continue;
        results.push({ doc, score: value, title: m[0], url: m[1], kind: m[2] });
      }
      return { terms, total: filtering ? results.length : ranked.length, results };
    },
    async excerpt(doc) {
      return (await get(`text-${Math.floor(doc / manifest.text_chunk)}.json`))[doc % manifest.text_chunk];
    },
    // The words on the page that stand for `terms`, for highlighting.
    async surfaces(terms) {
      const found = new Set();
      for (const s of await Promise.all([...cache.keys()].filter((k) => k.startsWith('shard-')).map(get))) {
        for (const [w, t] of Object.entries(s?.words ?? {})) if (terms.includes(t)) found.add(w);
      }
      return found;
    },
  };
}

const KINDS = { guidance: 'Guidance', sign: 'Signs of neglect', voice: "Young people's words", service: 'Local service' };

function highlight(node, text, marks) {
  for (const part of text.split(/([\p{Alphabetic}\p{N}]+)/u)) {
    if (marks.has(part.toLowerCase())) node.append(Object.assign(document.createElement('mark'), { textContent: part }));
    else node.append(part);
  }
}

// The search box in every page's header: results appear under it as you type.
function typeAhead(form) {
  const engine = createEngine(form.dataset.index);
  const input = form.querySelector('input[type=search]');
  const list = form.querySelector('[role=listbox]');
  const status = form.querySelector('[role=status]');
  let active = -1;
  let timer;
  const options = () => [...list.querySelectorAll('[role=option]')];
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (index) => {
    const all = options();
    all.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (all[index]) input.setAttribute('aria-activedescendant', all[index].id);
  };
  async function update() {
    const query = input.value;
    if (words(query).length === 0) return close();
    const { results } = await engine.search(query, { prefix: true, limit: 6 });
    if (query !== input.value) return;
    list.replaceChildren(...results.map((r, i) => {
      const item = Object.assign(document.createElement('li'), { id: `site-search-option-${i}` });
      item.setAttribute('role', 'option');
      const link = Object.assign(document.createElement('a'), { href: r.url, textContent: r.title, tabIndex: -1 });
      item.append(link, Object.assign(document.createElement('span'), { className: 'kind', textContent: KINDS[r.kind] }));
      return item;
    }));
    list.hidden = results.length === 0;
    input.setAttribute('aria-expanded', String(results.length > 0));
    status.textContent = results.length ? `${results.length} suggestions. Use the up and down arrows to choose.` : 'No suggestions.';
    active = -1;
  }
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  input.addEventListener('keydown', (event) => {
    const count = options().length;
    if (event.key === 'ArrowDown' && count) choose((active + 1) % count);
    else if (event.key === 'ArrowUp' && count) choose((active - 1 + count) % count);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Enter' && active >= 0) location.href = options()[active].querySelector('a').href;
    else return;
    event.preventDefault();
  });
  input.addEventListener('blur', () => setTimeout(close, 200));
  if (input.value) update();
}

// The search page: results with excerpts and filters, the query kept in the address.
function searchPage(form) {
  const engine = createEngine(form.dataset.index);
  const input = form.elements.namedItem('q');
  const results = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const box of form.querySelectorAll('[name=kind]')) box.checked = params.getAll('kind').includes(box.value);
  form.elements.namedItem('band').value = params.get('band') ?? '';
  let run = 0;
  async function update() {
    const mine = ++run;
    const query = input.value;
    const kinds = [...form.querySelectorAll('[name=kind]:checked')].map((b) => b.value);
    const band = form.elements.namedItem('band').value;
    const url = new URLSearchParams({ q: query });
    kinds.forEach((k) => url.append('kind', k));
    if (band) url.set('band', band);
    history.replaceState(null, '', `?${url}`);
    if (!words(query).length) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    const found = await engine.search(query, { prefix: true, limit: 20, kinds, band });
    if (mine !== run) return;
    const marks = await engine.surfaces(found.terms);
    results.replaceChildren(...found.results.map((r) => {
      const item = document.createElement('li');
      const heading = document.createElement('h2');
      heading.append(Object.assign(document.createElement('a'), { href: r.url, textContent: r.title }));
      const excerpt = document.createElement('p');
      engine.excerpt(r.doc).then((text) => highlight(excerpt, text, marks));
      item.append(heading, Object.assign(document.createElement('p'), { className: 'kind', textContent: KINDS[r.kind] }), excerpt);
      return item;
    }));
    status.textContent = found.results.length
      ? `${found.results.length} result${found.results.length === 1 ? '' : 's'} for “${query}”.`
      : `Nothing found for “${query}”. Try other words, or browse the topics below.`;
  }
  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
  form.hidden = false;
  if (input.value) update();
}

if (typeof document !== 'undefined') {
  for (const form of document.querySelectorAll('form.site-search[data-index]')) typeAhead(form);
  const page = document.getElementById('search-page');
  if (page?.dataset.index) searchPage(page);
}
