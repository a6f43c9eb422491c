// The shortlist's panel: the services picked, with their numbers and addresses, to print or to
// copy as text. Loaded by shortlist.js once something is on the list.
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
  const lines = [`My shortlist from ${document.querySelector('.site-title')?.textContent.trim() || document.title}`, ''];
  shortlist.ids().forEach((id, index) => {
    const service = known.get(id);
    if (!service) return;
    lines.push(`${index + 1}. ${service.name}`);
    if (service.phone) lines.push(`   Phone: ${service.phone}`);
    if (service.place) lines.push(`   Address: ${service.place}`);
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
  shortlist.set(shortlist.ids(), `Copied ${shortlist.count()}. Paste them into a message or a document to keep them.`);
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
    element('p', { className: 'hint', textContent: 'It is kept only in this browser tab, as you move around this site. Closing the tab or pressing Exit this page clears it. To keep it, print it or copy it.' }),
    element('ol', { className: 'shortlist-items' }),
    element('div', { className: 'shortlist-actions' },
      button('Print the shortlist', print),
      button('Copy the shortlist as text', copy),
      button('Clear the shortlist', () => {
        shortlist.set([], 'Your shortlist is empty.');
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
  section.querySelector('h2').textContent = `Your shortlist (${shortlist.count()})`;
  const known = ids.length ? await factsOf() : new Map();
  section.querySelector('ol').replaceChildren(...ids.filter((id) => known.has(id)).map((id) => {
    const service = known.get(id);
    const remove = button('Remove', () => {
      shortlist.set(shortlist.ids().filter((other) => other !== id), `Removed ${service.name} from your shortlist.`);
      refocus();
    });
    remove.className = 'shortlist-remove';
    remove.setAttribute('aria-label', `Remove ${service.name} from the shortlist`);
    const details = [service.phone, service.place].filter(Boolean).map((text) => element('span', { className: 'shortlist-detail', textContent: text }));
    return element('li', {}, element('a', { href: service.url, textContent: service.name }), ...details, remove);
  }));
}
