// The shortlist: services a reader picks, to print or copy as text. It lives only in this page
// and is handed to the next page of the site in window.name as a link is followed, then taken
// back out at once. Nothing is stored: no cookie, no storage, nothing in the address or the
// history. Leaving through the quick exit hands nothing on; browsers also clear window.name
// when a tab goes to another website or the reader types an address.
// This file, on every page, carries the list; shortlist-buttons.js and shortlist-panel.js,
// on the pages that list services, show it.
const KEY = 'signpost-shortlist:';
const exitLink = document.querySelector('.quick-exit');

let ids = [];
try {
  if (window.name.startsWith(KEY)) ids = JSON.parse(window.name.slice(KEY.length)).filter((id) => typeof id === 'string');
} catch {
  ids = [];
}
window.name = '';

// Handed on the moment a link to another page of this site is followed (or a form sent to
// it), before the next page starts; taken back if no page follows within a few seconds.
let handing = null;
const drop = () => {
  clearTimeout(handing);
  window.name = '';
};
const handOver = () => {
  drop();
  if (ids.length) window.name = KEY + JSON.stringify(ids);
  handing = setTimeout(drop, 10000);
};
const otherPage = (address) => {
  const url = new URL(address, window.location.href);
  return url.origin === window.location.origin && (url.pathname !== window.location.pathname || url.search !== window.location.search);
};
window.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href]');
  if (!link) return;
  const newTab = event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || link.target === '_blank' || link.hasAttribute('download');
  if (link !== exitLink && !newTab && otherPage(link.href)) handOver();
  else if (!newTab) drop();
}, true);
window.addEventListener('submit', (event) => {
  if (otherPage(event.target.action || window.location.href)) handOver();
}, true);
// The quick exit (the button, or Shift three times) marks the page as it leaves.
window.addEventListener('pagehide', () => {
  if (document.documentElement.classList.contains('exiting')) drop();
});

/** The list, for the buttons and the panel. */
export const list = {
  ids: () => ids,
  set(next) {
    ids = next;
  },
};
