// Loads the search client only when someone starts to search (or opens the search page), so
// other pages carry a few hundred bytes for search instead of the whole client.
const form = document.querySelector('form[data-client]');
let loading;
const load = () => (loading ??= import(form.dataset.client));

if (form) {
  if (document.getElementById('search-page')) load();
  else form.addEventListener('focusin', load, { once: true });
}
