// The quick exit, after GOV.UK Frontend's "Exit this page". A classic script loaded in <head>,
// so it answers from the first paint: its listeners sit on the window, not on the bar, and the
// exit address is on <html data-quick-exit>.
//
// The "Exit this page" button, the exit link after the skip link, or Shift pressed three times
// (each within 5 seconds of the last) blank the page at once and replace it with the neutral
// site. Other tabs showing this site are told to leave too. In a frame, the whole tab leaves.
(() => {
  const root = document.documentElement;
  const exitUrl = root.dataset.quickExit;
  if (!exitUrl) return;
  root.classList.add('js');

  const WAIT_MS = 5000;
  const status = () => document.getElementById('quick-exit-status');
  const say = (text) => {
    const region = status();
    if (region) region.textContent = text;
  };
  const tabs = 'BroadcastChannel' in window ? new BroadcastChannel('signpost-quick-exit') : null;

  // Leaves from the top of the tab where a frame may, else from this page.
  const replaceTab = () => {
    if (window.top !== window) {
      try {
        window.top.location.replace(exitUrl);
        return;
      } catch {
        // A sandboxed or cross-origin frame that may not move the tab: leave the frame.
      }
    }
    window.location.replace(exitUrl);
  };

  const leave = () => {
    if (root.classList.contains('exiting')) return;
    root.classList.add('exiting');
    document.title = 'Loading';
    if (document.body) {
      // A blank cover; its words are for screen readers, set after it is in place so they
      // are announced.
      const overlay = Object.assign(document.createElement('div'), { className: 'quick-exit-overlay' });
      const words = Object.assign(document.createElement('p'), { className: 'visually-hidden' });
      overlay.setAttribute('role', 'alert');
      overlay.append(words);
      document.body.append(overlay);
      words.textContent = 'Loading.';
    }
    tabs?.postMessage('exit');
    replaceTab();
  };
  if (tabs) tabs.onmessage = (event) => event.data === 'exit' && leave();

  // The button and the exit link: a click, Enter, or (the button being role="button") Space.
  const exitLink = (target) => target instanceof Element && target.closest('[data-quick-exit-link]');
  addEventListener('click', (event) => {
    if (!exitLink(event.target)) return;
    event.preventDefault();
    leave();
  }, true);

  // Shift three times: each press shown by the button's lights and announced; any other key
  // (or Shift held while typing a capital, or while clicking) starts again.
  let presses = 0;
  let expiry = null;
  let shiftDown = false;
  let shiftUsedWithAnother = false;
  const showPresses = () => {
    const button = document.querySelector('.quick-exit');
    if (button) button.dataset.presses = presses;
  };
  const clearLater = () => {
    clearTimeout(expiry);
    expiry = setTimeout(() => say(''), WAIT_MS);
  };
  const expire = () => {
    presses = 0;
    showPresses();
    say('Exit this page expired.');
    clearLater();
  };
  const countPress = () => {
    presses += 1;
    showPresses();
    clearTimeout(expiry);
    if (presses >= 3) {
      presses = 0;
      say('');
      leave();
      return;
    }
    say(presses === 1 ? 'Shift, press 2 more times to exit.' : 'Shift, press 1 more time to exit.');
    expiry = setTimeout(expire, WAIT_MS);
  };

  addEventListener('keydown', (event) => {
    if (event.key === 'Shift') {
      if (!event.repeat) [shiftDown, shiftUsedWithAnother] = [true, false];
      return;
    }
    if (shiftDown) shiftUsedWithAnother = true;
    if (presses > 0) expire();
    if (event.key === ' ' && exitLink(event.target)?.getAttribute('role') === 'button') {
      event.preventDefault();
      leave();
    }
  }, true);
  addEventListener('pointerdown', () => {
    if (shiftDown) shiftUsedWithAnother = true;
  }, true);
  addEventListener('keyup', (event) => {
    if (event.key !== 'Shift') return;
    shiftDown = false;
    if (!shiftUsedWithAnother) countPress();
  }, true);
  addEventListener('blur', () => {
    shiftDown = false;
  });

  // Where the host cannot forbid framing with a header, leave the frame for a tab of our own.
  if (window.top !== window) {
    try {
      window.top.location.replace(window.location.href);
    } catch {
      // The browser blocks this without a click in the frame; the exit still leaves the tab.
    }
  }
})();
