// One page of this site in the tab's history: going from one of its pages to another (a link,
// or a GET form) replaces the current history entry instead of adding one, so after the quick
// exit Back leads to whatever was open before the site. A classic script in <head> listening
// on the window, so it works from the first paint.
//
// Left to the browser: other sites, downloads, links opened in a new tab or window (Ctrl, Cmd,
// Shift, a middle click, target="_blank"), and clicks another script has handled. As the
// browser's Back now leaves the site, each page shows a "Back" link to the page read before.
// The trail of pages read is kept in each page's own history entry (Navigation API state) and
// read by the next page from the entry it replaced (navigation.activation.from): nothing is
// stored, and the exit discards the trail with the entry. No Navigation API, no Back link.
(() => {
  if (!document.documentElement.hasAttribute('data-one-page-history')) return;
  const { history: words } = {/*signpost:strings history*/};
  const api = window.navigation;
  const here = () => window.location.pathname + window.location.search;
  const isOurs = (url) => url.origin === window.location.origin && url.protocol.startsWith('http');
  const stateOf = (entry) => {
    try {
      const state = entry?.getState();
      return Array.isArray(state?.trail) ? state : null;
    } catch {
      return null;
    }
  };

  // [path, title] of each page read before this one, oldest first: this entry's own after a
  // reload; else the replaced page's trail, with that page added, or taken off after its Back.
  const own = stateOf(api?.currentEntry);
  const before = stateOf(api?.activation?.from);
  const trail = own && /reload|traverse/.test(api.activation?.navigationType) ? own.trail
    : !before ? []
    : before.leaving === 'back' ? before.trail.slice(0, -1)
    : [...before.trail, [before.path, before.title]].slice(-50);
  const remember = (leaving) => {
    const title = (document.querySelector('h1') ?? document).textContent ?? document.title;
    try {
      api?.updateCurrentEntry({ state: { trail, leaving, path: here(), title: title.trim() } });
    } catch {
      // An entry that takes no state (an opaque origin) just gets no Back link.
    }
  };

  const go = (url, leaving) => {
    if (api && url.pathname + url.search === here()) {
      // A link within the page keeps this entry, and its trail.
      const moved = api.navigate(url.href, { history: 'replace', state: api.currentEntry.getState() });
      moved.committed.catch(() => {});
      moved.finished.catch(() => {});
      return;
    }
    remember(leaving);
    window.location.replace(url.href);
  };

  addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href]');
    if (!link || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!['', '_self'].includes(link.target) || link.hasAttribute('download')) return;
    const url = new URL(link.href);
    if (!isOurs(url)) return;
    event.preventDefault();
    go(url, link.hasAttribute('data-back') ? 'back' : 'link');
  });

  addEventListener('submit', (event) => {
    const { target: form, submitter } = event;
    const method = submitter?.getAttribute('formmethod') ?? form.getAttribute('method') ?? 'get';
    const target = submitter?.getAttribute('formtarget') ?? form.target;
    const url = new URL(submitter?.getAttribute('formaction') ? submitter.formAction : form.action);
    if (event.defaultPrevented || method.toLowerCase() !== 'get' || !['', '_self'].includes(target) || !isOurs(url)) return;
    event.preventDefault();
    url.search = new URLSearchParams(new FormData(form, submitter));
    go(url, 'link');
  });

  // The Back link: first in the breadcrumbs, or in a navigation of its own above the page.
  document.addEventListener('DOMContentLoaded', () => {
    remember();
    const [path, title] = trail.at(-1) ?? [];
    const main = document.querySelector('main');
    if (!main || !/^\/(?!\/)/.test(path)) return;
    let nav = document.querySelector('.breadcrumbs');
    if (!nav) {
      nav = document.createElement('nav');
      nav.className = 'breadcrumbs';
      nav.setAttribute('aria-label', words.back);
      main.before(nav);
    }
    nav.insertAdjacentHTML('afterbegin', '<a class="back-link" data-back><span class="visually-hidden"></span></a>');
    nav.firstChild.href = path;
    nav.firstChild.prepend(words.back);
    nav.firstChild.lastChild.textContent = title ? words.back_to.replace('{title}', () => title) : '';
  });
})();
