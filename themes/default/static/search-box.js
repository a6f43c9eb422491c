// The search box in every page's header: suggestions as you type, chosen from the keyboard or
// with a tap, each replacing this page in history when opened. Enter shows every result on the
// search page, fetched and put in place of this page's main content, so the words never travel
// in an address. Loaded by search-loader.js with the engine (search.js). Its words, in the
// page's language, are written in where the marker is when the site is built.
const { search: words } = {/*signpost:strings search*/};
// A strings entry for `values.count` things (its plural form), each {name} filled in.
const say = (entry, values = {}) => {
  const form = typeof entry === 'string' ? entry : entry[new Intl.PluralRules(document.documentElement.lang).select(values.count)] ?? entry.other;
  return form.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
};
const TYPING_PAUSE = 150;
const ANNOUNCE_PAUSE = 1000;
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

export function start(engine, form) {
  const input = form.querySelector('input');
  const list = form.querySelector('[role=listbox]');
  const status = form.querySelector('[role=status]');
  let active = -1;
  let run = 0;
  const options = () => [...list.children];
  const attr = (name, value) => (value === null ? input.removeAttribute(name) : input.setAttribute(name, value));
  const select = (index) => {
    active = index;
    options().forEach((o, i) => o.setAttribute('aria-selected', i === index));
    attr('aria-activedescendant', index < 0 ? null : options()[index].id);
  };
  const open = (show) => {
    list.hidden = !show;
    attr('aria-expanded', show);
    if (!show) select(-1);
  };
  const announce = pause(ANNOUNCE_PAUSE, (n) => {
    status.textContent = n ? say(words.suggestions, { count: n }) : words.no_suggestions;
  });
  const update = pause(TYPING_PAUSE, async () => {
    const mine = ++run;
    const query = input.value;
    if (!query.trim()) return open(false);
    let items;
    try {
      const found = await engine.search(query, { typing: true, limit: 6 });
      items = await Promise.all(found.results.map((r) => engine.describe(r)));
    } catch {
      open(false);
      status.textContent = words.unavailable;
      return;
    }
    if (mine !== run) return;
    list.replaceChildren(...items.map((item, i) => {
      const option = el('li', { id: `site-search-option-${i}` },
        el('span', { className: 'title', textContent: item.title }), ' ', el('span', { className: 'kind', textContent: words.kinds[item.kind] }));
      option.setAttribute('role', 'option');
      option.dataset.url = item.url;
      return option;
    }));
    select(-1);
    open(items.length > 0);
    announce(items.length);
  });
  const go = (url) => location.replace(url);
  on(input, 'input', () => {
    announce.stop();
    update();
  });
  on(input, 'keydown', (event) => {
    const count = options().length;
    const down = event.key === 'ArrowDown';
    if ((down || event.key === 'ArrowUp') && count) {
      open(true);
      select((active + (down ? 1 : count - 1)) % count);
    } else if (event.key === 'Escape') {
      if (list.hidden) input.value = '';
      open(false);
    } else if (event.key === 'Enter' && active >= 0 && !list.hidden) go(options()[active].dataset.url);
    else return;
    event.preventDefault();
  });
  on(list, 'mousedown', (event) => event.preventDefault());
  on(list, 'click', (event) => {
    const option = event.target.closest('[role=option]');
    if (option) go(option.dataset.url);
  });
  on(input, 'blur', () => open(false));
  on(form, 'submit', async (event) => {
    event.preventDefault();
    open(false);
    if (!input.value.trim()) return;
    const here = document.getElementById('search-page');
    if (here?.run) return here.run(input.value);
    try {
      const [page, html] = await Promise.all([import(form.dataset.page), fetch(form.action).then((r) => r.text())]);
      const next = new DOMParser().parseFromString(html, 'text/html');
      for (const selector of ['.breadcrumbs', 'main']) {
        const [old, fresh] = [document.querySelector(selector), next.querySelector(selector)];
        if (old && fresh) old.replaceWith(document.adoptNode(fresh));
        else old?.remove();
      }
      document.title = next.title;
      for (const link of document.querySelectorAll('.site-nav [aria-current]')) link.removeAttribute('aria-current');
      history.replaceState(null, '', form.action);
      scrollTo(0, 0);
      page.start(engine, document.getElementById('search-page')).run(input.value);
    } catch {
      location.replace(form.action);
    }
  });
  // Leaving the page clears the box, so Back on a shared phone does not show the words.
  on(window, 'pagehide', () => {
    input.value = '';
  });
}
