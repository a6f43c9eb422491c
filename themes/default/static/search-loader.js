// Loads search only when someone starts to search (or opens the search page), so other pages
// carry a few hundred bytes for it. The engine (search.js), the interface (search-box.js or
// search-page.js, named by the form) and the index's manifest are fetched at the same time.
const form = document.getElementById('search-page') ?? document.querySelector('form.site-search[data-client]');
let loading;
const load = () => {
  if (!loading) {
    const manifest = fetch(`${form.dataset.index}index.json`).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.status))));
    loading = Promise.all([import(form.dataset.client), import(form.dataset.ui)]).then(([search, ui]) =>
      ui.start(search.createEngine(form.dataset.index, search.fetchBytes, manifest), form));
  }
  return loading;
};

if (form?.id === 'search-page') load();
else form?.addEventListener('focusin', load, { once: true });
