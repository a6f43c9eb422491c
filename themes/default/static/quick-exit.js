// The quick exit, after GOV.UK Frontend's "Exit this page". A classic script in <head>, so it
// answers from the first paint: it listens on the window, and the exit address is on
// <html data-quick-exit>.
//
// The "Exit this page" button (role=button, so Space works too), the exit link after the skip
// link, or Shift pressed three times (each within 5 seconds of the last) blank the page at
// once and replace it with the neutral site. Other tabs showing the site are told to leave
// too. From a frame, the whole tab leaves where the browser allows it. Its words, in the page's
// language, are written in where the marker is when the site is built.
(() => {
  const root = document.documentElement;
  const exitUrl = root.dataset.quickExit;
  if (!exitUrl) return;
  root.classList.add('js');
  const tabs = window.BroadcastChannel && new BroadcastChannel('signpost-quick-exit');
  const { quick_exit: words } = {/*signpost:strings quick_exit*/};
  // A strings entry for `values.count` things (its plural form), each {name} filled in.
  const say = (entry, values = {}) => {
    const form = typeof entry === 'string' ? entry : entry[new Intl.PluralRules(root.lang).select(values.count)] ?? entry.other;
    return form.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  };

  const announce = (message) => {
    const status = document.getElementById('quick-exit-status');
    if (status) status.textContent = message;
  };

  const leave = () => {
    if (root.classList.contains('exiting')) return;
    root.classList.add('exiting');
    document.title = words.loading_title;
    if (document.body) {
      // A blank cover; its words are for screen readers, added once it is in place so that
      // they are announced.
      const cover = document.createElement('div');
      cover.className = 'quick-exit-overlay';
      cover.setAttribute('role', 'alert');
      document.body.append(cover);
      cover.innerHTML = '<p class="visually-hidden"></p>';
      cover.firstChild.textContent = words.loading;
    }
    if (tabs) tabs.postMessage('exit');
    try {
      window.top.location.replace(exitUrl);
    } catch {
      // A sandboxed frame may not move the tab: leave the frame at least.
      window.location.replace(exitUrl);
    }
  };
  if (tabs) tabs.onmessage = leave;

  const exitLink = (target) => target.closest?.('[data-quick-exit-link]');
  addEventListener('click', (event) => {
    if (!exitLink(event.target)) return;
    event.preventDefault();
    leave();
  }, true);

  // Shift on its own three times. A Shift that is held while another key goes down or the
  // pointer is pressed (a capital letter, Shift+Tab, Shift and a click) does not count, and
  // any other key starts the count again.
  let presses = 0;
  let shiftAlone = false;
  let timer;
  const count = (n) => {
    presses = n;
    const button = document.querySelector('.quick-exit');
    if (button && n) button.dataset.presses = n;
    else if (button) delete button.dataset.presses;
  };
  const expire = () => {
    count(0);
    announce(words.expired);
    clearTimeout(timer);
    timer = setTimeout(announce, 5000, '');
  };
  addEventListener('keydown', (event) => {
    const isShift = event.key === 'Shift';
    shiftAlone = isShift && (shiftAlone || !event.repeat);
    if (!isShift && presses) expire();
    if (event.key === ' ' && exitLink(event.target)?.getAttribute('role') === 'button') {
      event.preventDefault();
      leave();
    }
  }, true);
  addEventListener('pointerdown', () => {
    shiftAlone = false;
  }, true);
  addEventListener('keyup', (event) => {
    if (event.key !== 'Shift' || !shiftAlone) return;
    shiftAlone = false;
    clearTimeout(timer);
    if (presses === 2) {
      count(0);
      announce('');
      leave();
      return;
    }
    count(presses + 1);
    announce(say(words.presses_left, { count: 3 - presses }));
    timer = setTimeout(expire, 5000);
  }, true);

  // Where the host cannot forbid framing with a header, try to leave the frame for the tab.
  // Browsers refuse this without a click in the frame; the exit still takes the whole tab.
  if (window.top !== window) {
    try {
      window.top.location.replace(window.location.href);
    } catch {
      // Refused: the page stays in the frame.
    }
  }
})();
