// Loads search only when someone starts to search, so pages carry a few hundred bytes for it.
// In the header box, the engine (search.js), the interface (search-box.js) and the index's
// manifest are fetched together when the box gets focus. The search page shows its interface
// (search-page.js) at once, and fetches the engine and manifest when the box gets focus or the
// first search runs (a link to results searches straight away).
const form = document.getElementById('search-page') ?? document.querySelector('form.site-search[data-client]');
let engine;
const loadEngine = () => {
  if (!engine) {
    const manifest = fetch(`${form.dataset.index}index.json`).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.status))));
    engine = import(form.dataset.client).then((search) => search.createEngine(form.dataset.index, search.fetchBytes, manifest));
  }
  return engine;
};
// The engine's methods, each waiting for the engine to arrive.
const lazyEngine = new Proxy({}, {
  get: (_, method) => (...args) => loadEngine().then((loaded) => loaded[method](...args)),
});

if (form?.id === 'search-page') {
  form.addEventListener('focusin', loadEngine, { once: true });
  import(form.dataset.ui).then((ui) => ui.start(lazyEngine, form));
} else {
  let loading;
  form?.addEventListener('focusin', () => {
    loading ??= Promise.all([loadEngine(), import(form.dataset.ui)]).then(([loaded, ui]) => ui.start(loaded, form));
  }, { once: true });
}
