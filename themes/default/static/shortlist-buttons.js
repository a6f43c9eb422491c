// An "Add to shortlist" button for each service a page lists, and the panel (loaded from
// shortlist-panel.js once something is on the list). Its words, in the page's language, are
// written in where the marker is when the site is built.
// Only the words the buttons say (the panel has its own): every page of the directory loads this.
const { shortlist: words } = {/*signpost:strings shortlist.add, shortlist.added, shortlist.remove_from,
  shortlist.removed, shortlist.services*/};
// A strings entry for `values.count` things (its plural form), each {name} filled in.
const say = (entry, values = {}) => {
  const form = typeof entry === 'string' ? entry : entry[new Intl.PluralRules(document.documentElement.lang).select(values.count)] ?? entry.other;
  return form.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
};
const holder = document.querySelector('[data-shortlist-panel]');
const { list } = await import(holder.dataset.shortlistScript);
const nameOf = (card) => (card.querySelector('h3') ?? document.querySelector('h1')).textContent.trim();
const status = Object.assign(document.createElement('p'), { className: 'visually-hidden' });
status.setAttribute('role', 'status');
const services = (n) => say(words.services, { count: n });
const count = () => services(list.ids().length);
let panel = null;

/** The shortlist as the page shows it: each button, and the panel. */
const shortlist = {
  ids: list.ids,
  count,
  set(next, message) {
    list.set(next);
    status.textContent = message;
    show();
  },
};

function show() {
  for (const card of document.querySelectorAll('[data-id]')) {
    const button = card.querySelector('.shortlist-toggle');
    if (!button) continue;
    button.textContent = list.ids().includes(card.dataset.id) ? words.remove_from : words.add;
    button.setAttribute('aria-label', `${button.textContent}: ${nameOf(card)}`);
  }
  if (list.ids().length && !panel) panel = import(holder.dataset.shortlistPanel).then((module) => module.start(holder, shortlist));
  panel?.then((module) => module.render());
}

function toggle(id, name) {
  const on = list.ids().includes(id);
  const next = on ? list.ids().filter((other) => other !== id) : [...list.ids(), id];
  shortlist.set(next, say(on ? words.removed : words.added, { name, services: services(next.length) }));
}

/** A button for each service shown that has none yet (the filters make new cards). */
function addButtons() {
  for (const card of document.querySelectorAll('[data-id]')) {
    if (card.querySelector('.shortlist-toggle')) continue;
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'shortlist-toggle' });
    button.addEventListener('click', () => toggle(card.dataset.id, nameOf(card)));
    card.append(button);
  }
  show();
}

document.getElementById('main')?.append(status);
addButtons();
document.addEventListener('signpost:cards', addButtons);
