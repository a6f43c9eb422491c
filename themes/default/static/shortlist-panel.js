// The shortlist's panel: the services picked, with their numbers and addresses, to print or to
// copy as words. Loaded by shortlist.js once something is on the list. Its words, in the page's
// language, are written in where the marker is when the site is built.
const { shortlist: words } = {/*signpost:strings shortlist*/};
// A strings entry for `values.count` things (its plural form), each {name} filled in.
const say = (entry, values = {}) => {
  const form = typeof entry === 'string' ? entry : entry[new Intl.PluralRules(document.documentElement.lang).select(values.count)] ?? entry.other;
  return form.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
};
let holder;
let shortlist;
let section;
let facts;

const factsOf = () => {
  facts ??= fetch(holder.dataset.facts)
    .then((r) => r.json())
    .then((all) => new Map(all.map((s) => [s.id, s])))
    .catch(() => new Map());
  return facts;
};

const element = (tag, properties = {}, ...children) => {
  const made = Object.assign(document.createElement(tag), properties);
  made.append(...children);
  return made;
};

const button = (text, action) => element('button', { type: 'button', className: 'button-secondary', textContent: text, onclick: action });

/** The list as plain text, for the clipboard. */
function asText(known) {
  const lines = [say(words.text_heading, { site: document.querySelector('.site-title')?.textContent.trim() || document.title }), ''];
  shortlist.ids().forEach((id, index) => {
    const service = known.get(id);
    if (!service) return;
    lines.push(`${index + 1}. ${service.name}`);
    if (service.phone) lines.push(`   ${say(words.text_phone, { phone: service.phone })}`);
    if (service.place) lines.push(`   ${say(words.text_address, { address: service.place })}`);
    lines.push(`   ${new URL(service.url, window.location.href).href}`, '');
  });
  return lines.join('\n');
}

/** After a removal, focus stays in the panel (or on the page, once the list is empty). */
function refocus() {
  (shortlist.ids().length ? section.querySelector('h2') : document.getElementById('main'))?.focus();
}

async function copy() {
  const text = asText(await factsOf());
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = element('textarea', { value: text, className: 'visually-hidden' });
    section.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  shortlist.set(shortlist.ids(), say(words.copied, { services: shortlist.count() }));
}

function print() {
  document.documentElement.classList.add('printing-shortlist');
  window.print();
}

export function start(where, list) {
  holder = where;
  shortlist = list;
  section = element('section', { className: 'shortlist', id: 'shortlist' },
    element('h2', { id: 'shortlist-heading', tabIndex: -1 }),
    element('p', { className: 'hint', textContent: words.kept }),
    element('ol', { className: 'shortlist-items' }),
    element('div', { className: 'shortlist-actions' },
      button(words.print, print),
      button(words.copy, copy),
      button(words.clear, () => {
        shortlist.set([], words.empty);
        refocus();
      })));
  section.setAttribute('aria-labelledby', 'shortlist-heading');
  holder.before(section);
  window.addEventListener('afterprint', () => document.documentElement.classList.remove('printing-shortlist'));
  return { render };
}

export async function render() {
  const ids = shortlist.ids();
  section.hidden = ids.length === 0;
  section.querySelector('h2').textContent = say(words.heading, { services: shortlist.count() });
  const known = ids.length ? await factsOf() : new Map();
  section.querySelector('ol').replaceChildren(...ids.filter((id) => known.has(id)).map((id) => {
    const service = known.get(id);
    const remove = button(words.remove, () => {
      shortlist.set(shortlist.ids().filter((other) => other !== id), say(words.removed_one, { name: service.name }));
      refocus();
    });
    remove.className = 'shortlist-remove';
    remove.setAttribute('aria-label', say(words.remove_label, { name: service.name }));
    const details = [service.phone, service.place].filter(Boolean).map((text) => element('span', { className: 'shortlist-detail', textContent: text }));
    return element('li', {}, element('a', { href: service.url, textContent: service.name }), ...details, remove);
  }));
}
