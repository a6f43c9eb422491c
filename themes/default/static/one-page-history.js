// One page of this site in the tab's history: moving between the site's own pages (links and
// GET forms) replaces the current history entry instead of adding one, so after the quick exit
// Back leads to whatever was open before the site, never to one of its pages. A classic script
// in <head> listening on the window, so it works from the first paint.
//
// Left to the browser: links to other sites, links opened in a new tab or window (Ctrl, Cmd,
// Shift or a middle click; target="_blank"), downloads, and clicks another script handled.
// The browser's Back then leaves the site, so the page shows its own "Back" link to the page
// read before. Where the browser has the Navigation API, each page keeps the trail of pages
// read before it in its own history entry's state, and the next page reads it from the entry
// it replaced (navigation.activation.from): nothing is stored, and the exit's replacement
// discards the trail with the entry. Without the Navigation API there is no Back link.
(() => {
  const root = document.documentElement;
  if (!root.hasAttribute('data-one-page-history')) return;
  const api = window.navigation;
  const KEEP = 50;

  const isOurs = (url) => url.origin === window.location.origin && /^https?:$/.test(url.protocol);
  const samePage = (url) => url.pathname === window.location.pathname && url.search === window.location.search;
  const stateOf = (entry) => {
    try {
      const state = entry?.getState();
      return Array.isArray(state?.trail) ? state : null;
    } catch {
      return null;
    }
  };
  const path = (href) => {
    const url = new URL(href);
    return url.pathname + url.search;
  };

  // The pages read before this one, oldest first: this entry's own after a reload, else the
  // trail of the page this one replaced, one longer, or one shorter after its Back link.
  const arrivedTrail = () => {
    const own = stateOf(api.currentEntry);
    const how = api.activation?.navigationType;
    if (own && (how === 'reload' || how === 'traverse')) return own.trail;
    const from = api.activation?.from;
    const before = from && stateOf(from);
    if (!before) return [];
    if (before.leaving === 'back') return before.trail.slice(0, -1);
    return [...before.trail, { url: path(from.url), title: before.title ?? '' }].slice(-KEEP);
  };
  const trail = api ? arrivedTrail() : [];
  const remember = (extra) => {
    try {
      api?.updateCurrentEntry({ state: { trail, title: pageTitle(), ...extra } });
    } catch {
      // An entry that cannot take state (an opaque origin) simply gets no Back link.
    }
  };
  const pageTitle = () => (document.querySelector('h1')?.textContent ?? document.title).trim();
  remember({});

  const go = (url, leaving) => {
    if (samePage(url) && api) {
      // A link within the page: this entry, with its trail, moves to the new anchor.
      const done = api.navigate(url.href, { history: 'replace', state: api.currentEntry.getState() });
      done.committed.catch(() => {});
      done.finished.catch(() => {});
      return;
    }
    remember({ leaving });
    window.location.replace(url.href);
  };

  addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element && event.target.closest('a[href], area[href]');
    if (!(link instanceof HTMLAnchorElement || link instanceof HTMLAreaElement)) return;
    if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return;
    const url = new URL(link.href);
    if (!isOurs(url)) return;
    event.preventDefault();
    go(url, link.hasAttribute('data-back') ? 'back' : 'link');
  });

  addEventListener('submit', (event) => {
    const form = event.target;
    const submitter = event.submitter;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    const attribute = (name, fallback) => submitter?.getAttribute(`form${name}`) ?? form.getAttribute(name) ?? fallback;
    if (attribute('method', 'get').toLowerCase() !== 'get') return;
    if (!['', '_self'].includes(attribute('target', ''))) return;
    const url = new URL(submitter?.hasAttribute('formaction') ? submitter.formAction : form.action);
    if (!isOurs(url)) return;
    event.preventDefault();
    let data;
    try {
      data = new FormData(form, submitter);
    } catch {
      data = new FormData(form);
    }
    url.search = new URLSearchParams(data).toString();
    url.hash = '';
    go(url, 'link');
  });

  // The "Back" link: first in the breadcrumbs, or in a navigation of its own above the page.
  const showBackLink = () => {
    remember({});
    const previous = trail.at(-1);
    const main = document.querySelector('main');
    if (!previous || !main || typeof previous.url !== 'string') return;
    const url = new URL(previous.url, window.location.href);
    if (!isOurs(url)) return;
    const link = document.createElement('a');
    link.className = 'back-link';
    link.href = url.pathname + url.search;
    link.setAttribute('data-back', '');
    const to = Object.assign(document.createElement('span'), { className: 'visually-hidden' });
    to.textContent = previous.title ? ` to ${previous.title}` : '';
    link.append('Back', to);
    let nav = document.querySelector('.breadcrumbs');
    if (!nav) {
      nav = Object.assign(document.createElement('nav'), { className: 'breadcrumbs' });
      nav.setAttribute('aria-label', 'Back');
      main.before(nav);
    }
    nav.prepend(link);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', showBackLink);
  else showBackLink();
})();
