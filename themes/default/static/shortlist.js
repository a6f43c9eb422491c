// The shortlist: services a reader picks, to print or copy as text. It lives only in this page
// and is handed to the next page of the site in window.name as a link is followed, then taken
// back out at once. Nothing is stored: no cookie, no storage, nothing in the address or the
// history. Leaving through the quick exit hands nothing on; browsers also clear window.name
// when a tab goes to another website or the reader types an address.
const KEY = 'signpost-shortlist:';
const exitLink = document.querySelector('.quick-exit');

let ids = [];
if (window.name.startsWith(KEY)) {
  try {
    ids = JSON.parse(window.name.slice(KEY.length)).filter((id) => typeof id === 'string');
  } catch {
    ids = [];
  }
}
window.name = '';

// The list is handed on the moment a link to another page of this site is followed (or a
// form sent to it), before the next page starts; if no page follows within a few seconds, it
// is taken back. A link to anywhere else, or the quick exit, hands nothing on.
let handing = null;
function handOver() {
  window.name = ids.length ? KEY + JSON.stringify(ids) : '';
  clearTimeout(handing);
  handing = setTimeout(() => { window.name = ''; }, 10000);
}
function drop() {
  clearTimeout(handing);
  window.name = '';
}

const isOtherPageOfSite = (address) => {
  const url = new URL(address, window.location.href);
  const here = window.location;
  return url.origin === here.origin && (url.pathname !== here.pathname || url.search !== here.search);
};

window.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href]');
  if (!link) return;
  if (link === exitLink) {
    drop();
    return;
  }
  const newTab = event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey
    || link.target === '_blank' || link.hasAttribute('download');
  if (!newTab && isOtherPageOfSite(link.href)) handOver();
  else if (!newTab) drop();
}, true);
window.addEventListener('submit', (event) => {
  if (isOtherPageOfSite(event.target.action || window.location.href)) handOver();
}, true);
// The quick exit (button or Shift three times) marks the page as it leaves: hand nothing on.
window.addEventListener('pagehide', () => {
  if (document.documentElement.classList.contains('exiting')) drop();
});

const panel = document.getElementById('shortlist');
const status = document.querySelector('.shortlist-status');
const toggles = [...document.querySelectorAll('[data-shortlist]')];
let facts = null;

const factsOf = () => {
  facts ??= fetch(panel?.dataset.facts || '/directory/filters.json')
    .then((r) => r.json())
    .then((all) => new Map(all.map((s) => [s.id, s])))
    .catch(() => new Map());
  return facts;
};

function announce(text) {
  if (status) status.textContent = text;
}

function count() {
  return ids.length === 1 ? '1 service' : `${ids.length} services`;
}

function updateToggles() {
  for (const button of toggles) {
    const on = ids.includes(button.dataset.shortlist);
    button.textContent = on ? 'Remove from shortlist' : 'Add to shortlist';
    button.setAttribute('aria-label', `${button.textContent}: ${button.dataset.name}`);
    button.hidden = false;
  }
}

/** The list as plain text, for the clipboard. */
function asText(known) {
  const lines = [`My shortlist from ${document.querySelector('.site-title')?.textContent.trim() || document.title}`, ''];
  ids.forEach((id, index) => {
    const service = known.get(id);
    if (!service) return;
    lines.push(`${index + 1}. ${service.name}`);
    if (service.phone) lines.push(`   Phone: ${service.phone}`);
    if (service.place) lines.push(`   Address: ${service.place}`);
    lines.push(`   ${new URL(service.url, window.location.href).href}`, '');
  });
  return lines.join('\n');
}

async function render() {
  updateToggles();
  if (!panel) return;
  panel.hidden = ids.length === 0;
  panel.querySelector('h2').textContent = `Your shortlist (${count()})`;
  const list = panel.querySelector('.shortlist-items');
  const known = ids.length ? await factsOf() : new Map();
  list.replaceChildren(...ids.filter((id) => known.has(id)).map((id) => {
    const service = known.get(id);
    const item = document.createElement('li');
    const link = Object.assign(document.createElement('a'), { href: service.url, textContent: service.name });
    item.append(link);
    for (const detail of [service.phone, service.place].filter(Boolean)) {
      item.append(Object.assign(document.createElement('span'), { className: 'shortlist-detail', textContent: detail }));
    }
    const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'shortlist-remove', textContent: 'Remove' });
    remove.setAttribute('aria-label', `Remove ${service.name} from the shortlist`);
    remove.addEventListener('click', () => {
      toggle(id, service.name);
      focusPanel();
    });
    item.append(remove);
    return item;
  }));
}

/** After a removal, focus stays in the panel (or on the page, once it is empty). */
function focusPanel() {
  const heading = panel.querySelector('h2');
  heading.tabIndex = -1;
  (ids.length ? heading : document.getElementById('main'))?.focus();
}

function toggle(id, name) {
  const on = ids.includes(id);
  ids = on ? ids.filter((other) => other !== id) : [...ids, id];
  announce(`${on ? 'Removed' : 'Added'} ${name} ${on ? 'from' : 'to'} your shortlist. It has ${count()}.`);
  render();
}

async function copy() {
  const text = asText(await factsOf());
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = panel.querySelector('.shortlist-text');
    area.value = text;
    area.select();
    document.execCommand('copy');
  }
  announce(`Copied ${count()}. Paste them into a message or a document to keep them.`);
}

for (const button of toggles) {
  button.addEventListener('click', () => toggle(button.dataset.shortlist, button.dataset.name));
}
panel?.addEventListener('click', (event) => {
  const action = event.target.closest('[data-action]')?.dataset.action;
  if (action === 'print') {
    document.documentElement.classList.add('printing-shortlist');
    window.print();
  } else if (action === 'copy') {
    copy();
  } else if (action === 'clear') {
    ids = [];
    announce('Your shortlist is empty.');
    render();
    focusPanel();
  }
});
window.addEventListener('afterprint', () => document.documentElement.classList.remove('printing-shortlist'));
render();
