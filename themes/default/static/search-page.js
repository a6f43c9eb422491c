// The search page: every result with its excerpt, filters, more results on request, and a link
// to these results made only when asked for (after #, so never sent to the server). Loaded by
// search-loader.js with the engine (search.js), or by search-box.js after Enter in the header box.
// Its words, in the page's language, are written in where the marker is when the site is built.
const { search: words } = {/*signpost:strings search*/};
// A strings entry for `values.count` things (its plural form), each {name} filled in.
const say = (entry, values = {}) => {
  const form = typeof entry === 'string' ? entry : entry[new Intl.PluralRules(document.documentElement.lang).select(values.count)] ?? entry.other;
  return form.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
};
const PAGE = 20;
const TYPING_PAUSE = 150;
const ANNOUNCE_PAUSE = 1000;
const $ = (id) => document.getElementById(id);
const on = (node, type, handler) => node.addEventListener(type, handler);
const el = (tag, props, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
// Runs `work` once calls pause for `ms`; `.stop()` cancels a pending run.
function pause(ms, work) {
  let timer;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => work(...args), ms);
  };
  run.stop = () => clearTimeout(timer);
  return run;
}

// A kind's name, as the filters call it.
const kindLabel = (kind) => document.querySelector(`label[for="kind-${kind}"]`)?.textContent ?? '';

function highlight(node, excerpt, marks) {
  for (const part of excerpt.split(/([\p{Alphabetic}\p{N}]+)/u)) node.append(marks.has(part.toLowerCase()) ? el('mark', { textContent: part }) : part);
}

export function start(engine, form) {
  const [input, output, count, status, results, more, copied] = ['q', 'output', 'count', 'status', 'results', 'more', 'copied'].map((id) => $(`search-${id}`));
  const kinds = () => [...document.querySelectorAll('[name=kind]:checked')].map((b) => b.value);
  const band = () => $('search-band')?.value ?? '';
  let limit = PAGE;
  let run = 0;
  const announce = pause(ANNOUNCE_PAUSE, () => {
    status.textContent = count.textContent;
  });
  async function update({ typing = false, focus = false } = {}) {
    const mine = ++run;
    const query = input.value;
    announce.stop();
    copied.replaceChildren();
    if (!query.trim()) {
      output.hidden = true;
      return;
    }
    const complete = kinds().length > 0 || band() !== '' || limit > PAGE;
    let found;
    let items;
    let marks;
    try {
      found = await engine.search(query, { typing, limit, kinds: kinds(), band: band(), complete });
      items = await Promise.all(found.results.map((r) => engine.describe(r, true)));
      marks = await engine.surfaces(found.groups);
    } catch {
      found = { total: 0, results: [], failed: true };
      items = [];
    }
    if (mine !== run) return;
    results.replaceChildren(...items.map((item) => {
      const excerpt = el('p');
      highlight(excerpt, item.excerpt, marks);
      return el('li', {}, el('h3', {}, el('a', { href: item.url, textContent: item.title })), el('p', { className: 'kind', textContent: kindLabel(item.kind) }), excerpt);
    }));
    count.textContent = found.failed
      ? words.failed
      : found.total
        ? say(found.partial ? words.results_or_more : words.results, { count: found.total, query })
        : say(words.nothing, { query });
    $('search-none').hidden = found.total > 0;
    more.hidden = found.total <= found.results.length && !found.partial;
    output.hidden = false;
    if (focus) count.focus();
    else announce();
  }
  const search = (options) => {
    limit = PAGE;
    return update(options);
  };
  const typed = pause(TYPING_PAUSE, () => update({ typing: true }));
  on(input, 'input', () => {
    announce.stop();
    limit = PAGE;
    typed();
  });
  on(form, 'submit', (event) => {
    event.preventDefault();
    typed.stop();
    search({ focus: true });
  });
  for (const control of document.querySelectorAll('#search-filters input, #search-filters select')) on(control, 'change', () => search());
  on(more, 'click', () => {
    limit += PAGE;
    update();
  });
  on($('search-copy'), 'click', async () => {
    const params = new URLSearchParams({ q: input.value });
    for (const kind of kinds()) params.append('kind', kind);
    if (band()) params.set('band', band());
    const link = `${location.origin}${location.pathname}#${params}`;
    const warning = words.link_warning;
    try {
      await navigator.clipboard.writeText(link);
      copied.textContent = say(words.link_copied, { warning });
    } catch {
      const field = el('input', { value: link, readOnly: true, id: 'search-link' });
      copied.replaceChildren(el('label', { htmlFor: 'search-link', textContent: say(words.copy_this_link, { warning }) }), field);
      field.select();
    }
  });
  // Leaving the page clears it, so Back on a shared phone does not show the search.
  on(window, 'pagehide', () => {
    input.value = '';
    output.hidden = true;
    results.replaceChildren();
  });
  form.run = (query) => {
    input.value = query;
    return search({ focus: true });
  };
  $('search-nojs')?.remove();
  $('search-app').hidden = false;
  // A shared link carries its words after # (never sent to the server); they leave the address
  // once read.
  const shared = new URLSearchParams(location.hash.slice(1));
  if (shared.has('q')) {
    input.value = shared.get('q');
    for (const box of document.querySelectorAll('[name=kind]')) box.checked = shared.getAll('kind').includes(box.value);
    if ($('search-band')) $('search-band').value = shared.get('band') ?? '';
    history.replaceState(null, '', location.pathname);
    search();
  }
  return form;
}
