// Shows the directory's filters, and loads them (directory-filters.js) when someone first
// uses the form, so the page itself carries a few hundred bytes for them.
const form = document.getElementById('directory-filters');

if (form) {
  let loaded = false;
  let loading;
  const load = () => (loading ??= import(form.dataset.script).then(() => { loaded = true; }));
  for (const event of ['focusin', 'input', 'change', 'pointerdown']) form.addEventListener(event, load, { once: true });
  // "Use my location" pressed before the filters arrived is pressed again once they have.
  const locate = form.querySelector('#filter-locate');
  locate?.addEventListener('click', () => {
    if (!loaded) load().then(() => locate.click());
  }, { once: true });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
}

// On a wide screen the filters and the list of needs sit open beside the services; on a
// phone they stay one line each, so the services come first.
if (matchMedia('(min-width: 64em)').matches) {
  for (const disclosure of document.querySelectorAll('details.open-when-wide')) disclosure.open = true;
}
