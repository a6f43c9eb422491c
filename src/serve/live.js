// signpost serve: reloads the page after a successful rebuild, and shows a failed build's
// problems over the last good page until they are fixed. Built with textContent only, so
// nothing from a build error can run as markup.
(() => {
  // The build the page came from, and the overlay's stylesheet: the script's own address
  // stays the same from build to build, so a reload takes it from the browser's cache.
  const { build, overlay: overlayStyle } = document.currentScript.dataset;
  const built = Number(build);
  const OVERLAY_ID = 'signpost-overlay';

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function show(errors) {
    hide();
    const overlay = element('section', '', 'signpost-overlay');
    overlay.id = OVERLAY_ID;
    overlay.setAttribute('role', 'alert');
    overlay.setAttribute('aria-labelledby', `${OVERLAY_ID}-title`);
    const title = element('h2', `The site could not be rebuilt: ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
    title.id = `${OVERLAY_ID}-title`;
    overlay.append(title, element('p', 'You are looking at the last version that worked. Fix the problems below and save the file: this page updates by itself.'));
    const list = element('ol');
    for (const error of errors) {
      const item = element('li');
      if (error.location) item.append(element('code', error.location, 'signpost-location'));
      item.append(element('p', error.message, 'signpost-message'));
      if (error.help) item.append(element('p', error.help, 'signpost-help'));
      list.append(item);
    }
    overlay.append(list);
    document.body.prepend(overlay);
  }

  function hide() {
    document.getElementById(OVERLAY_ID)?.remove();
  }

  function apply(status) {
    if (!status.ok) {
      show(status.errors);
    } else if (status.generation > built) {
      location.reload();
    } else {
      hide();
    }
  }

  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = overlayStyle;
  document.head.append(style);

  const events = new EventSource('/__signpost/events');
  events.addEventListener('build', (event) => apply(JSON.parse(event.data)));
  events.addEventListener('hello', () => {
    fetch('/__signpost/status').then((response) => response.json()).then(apply).catch(() => {});
  });
})();
