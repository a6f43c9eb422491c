// Loads the search client only when someone starts to search (or opens the search page), so
// other pages carry a few hundred bytes for search instead of the whole client. The index's
// manifest is fetched at the same time as the client, not after it.
const form = document.querySelector('form[data-client]');
let loading;
const load = () => {
  loading ??= import(form.dataset.client).then((client) =>
    client.start(fetch(`${form.dataset.index}index.json`).then((r) => r.arrayBuffer())));
  return loading;
};

if (form) {
  if (document.getElementById('search-page')) load();
  else form.addEventListener('focusin', load, { once: true });
}
