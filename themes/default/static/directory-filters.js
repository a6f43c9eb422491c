// The directory's filters: they search every service (not only the page shown), list those
// that match in place of the page, a page at a time (as many as the page itself lists), and
// say how many match. Everything runs in the browser.
// directory.js loads this file when someone first uses the form; the facts the filters need
// come from the site's own filters.json then, and the postcode district centres only when
// someone types a postcode. With no filter chosen, the page's own list comes back. Its words,
// in the page's language, are written in where the marker is when the site is built.
const { directory: words, service, pager: pagerWords } = {/*signpost:strings directory, service, pager*/};
// A strings entry for `values.count` things (its plural form), each {name} filled in.
const say = (entry, values = {}) => {
  const form = typeof entry === 'string' ? entry : entry[new Intl.PluralRules(document.documentElement.lang).select(values.count)] ?? entry.other;
  return form.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
};
const form = document.getElementById('directory-filters');
const list = document.getElementById('service-list');
const count = document.getElementById('result-count');

if (form && list && count) {
  const pageCards = [...list.children];
  const pageCount = count.textContent;
  const pager = document.querySelector('.list-pager');
  const steps = matchPager();
  const field = (name) => form.elements.namedItem(name);
  const status = document.getElementById('filter-location-status');
  let districts = null;
  let here = null;

  const outwardCode = (text) => {
    const compact = text.toUpperCase().replace(/\s+/g, '');
    return /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact) ? compact.slice(0, -3) : compact;
  };

  async function districtCentre(text) {
    districts ??= await fetch(form.dataset.postcodes).then((r) => r.json()).catch(() => []);
    const code = outwardCode(text);
    return districts.find((d) => d.district === code) ?? null;
  }

  function miles(a, b) {
    const radians = (degrees) => (degrees * Math.PI) / 180;
    const dLat = radians(b.latitude - a.latitude);
    const dLon = radians(b.longitude - a.longitude);
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
    return 3958.8 * 2 * Math.asin(Math.sqrt(h));
  }

  const facts = fetch(form.dataset.filters).then((r) => r.json());

  function matches(data, wanted) {
    if (wanted.need && !data.categories.includes(wanted.need) && !wanted.needFamily.some((id) => data.categories.includes(id))) return false;
    if (wanted.age !== null) {
      if (data.min_age !== null && wanted.age < data.min_age) return false;
      if (data.max_age !== null && wanted.age > data.max_age) return false;
    }
    if (wanted.free && !data.free) return false;
    if (wanted.selfReferral && !data.access.includes('self-referral')) return false;
    if (wanted.dropIn && !data.access.includes('drop-in')) return false;
    if (wanted.day && !data.days.includes(wanted.day)) return false;
    if (wanted.attending.length && !wanted.attending.some((way) => data.attending.includes(way))) return false;
    if (wanted.language && !data.languages.some((l) => l.toLowerCase() === wanted.language.toLowerCase())) return false;
    if (!wanted.accessibility.every((feature) => data.accessibility.includes(feature))) return false;
    if (wanted.send === 'any' && !data.send.length) return false;
    if (wanted.send && wanted.send !== 'any' && !data.send.includes(wanted.send)) return false;
    return true;
  }

  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
  const chosen = (name) => field(name)?.value ?? '';
  const place = (data) => (data.latitude === null ? null : { latitude: data.latitude, longitude: data.longitude });

  // A card for a service the page does not show, made as the page makes them.
  const made = new Map(pageCards.map((card) => [card.dataset.id, card]));
  const element = (tag, properties, ...children) => {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  };
  function card(data) {
    if (!made.has(data.id)) {
      const facts = element('ul', { className: 'facts' }, ...[data.ages, data.cost, data.town].filter(Boolean).map((text) => element('li', { textContent: text })));
      const item = element('li', { className: 'service-card' },
        element('h3', {}, element('a', { href: data.url, textContent: data.name })),
        ...(data.closed ? [element('p', { className: 'notice', textContent: service.temporarily_closed })] : []),
        element('p', { textContent: data.summary, ...(data.lang && { lang: data.lang }) }),
        ...(data.illustrative ? [element('p', { className: 'illustrative', textContent: service.illustrative })] : []),
        facts);
      item.dataset.id = data.id;
      if (data.hours && !data.closed) item.dataset.hours = data.hours;
      made.set(data.id, item);
    }
    const item = made.get(data.id);
    if (!item.querySelector('.distance')) item.querySelector('.facts').append(element('li', { className: 'distance', hidden: true }));
    return item;
  }

  function wanted() {
    const need = field('need').value;
    const ageText = field('age').value.trim();
    return {
      need,
      needFamily: [...field('need').options].filter((o) => o.dataset.parent === need).map((o) => o.value),
      age: ageText === '' || Number.isNaN(Number(ageText)) ? null : Number(ageText),
      free: field('free').checked,
      selfReferral: field('self-referral').checked,
      dropIn: field('drop-in').checked,
      day: field('day').value,
      attending: checked('attending'),
      language: chosen('language'),
      accessibility: checked('accessibility'),
      send: chosen('send'),
    };
  }

  // The matching services, shown a page at a time from `shownFrom`.
  let matched = [];
  let shownFrom = 0;
  const pageSize = Math.max(pageCards.length, 1);

  // Previous and Next buttons for the matches, made as the page's own pager is.
  function matchPager() {
    const nav = document.createElement('nav');
    nav.className = 'list-pager';
    nav.setAttribute('aria-label', pagerWords.services);
    nav.hidden = true;
    const step = (label, by) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button-secondary';
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = pagerWords.page_hidden;
      button.append(label, hidden);
      button.addEventListener('click', () => showMatches(shownFrom + by * pageSize, true));
      const item = document.createElement('li');
      item.append(button);
      return item;
    };
    const previous = step(pagerWords.previous, -1);
    const next = step(pagerWords.next, 1);
    const items = document.createElement('ul');
    items.append(previous, next);
    nav.append(items);
    list.after(nav);
    return { nav, previous, next };
  }

  // Shows the page of matches that starts at `from`; a keyboard user who moved to another page
  // lands on its first service.
  function showMatches(from, moveFocus) {
    shownFrom = Math.max(0, Math.min(from, matched.length - 1));
    list.replaceChildren(...matched.slice(shownFrom, shownFrom + pageSize));
    steps.nav.hidden = matched.length <= pageSize;
    steps.previous.hidden = shownFrom === 0;
    steps.next.hidden = shownFrom + pageSize >= matched.length;
    if (moveFocus) list.querySelector('a')?.focus();
    document.dispatchEvent(new Event('signpost:cards'));
  }

  const nothingChosen = () => [...form.elements].every((e) => (e.type === 'checkbox' ? !e.checked : !e.value || e.tagName === 'BUTTON'));

  async function update() {
    let origin = here;
    const postcode = field('postcode').value.trim();
    if (postcode) {
      origin = await districtCentre(postcode);
      status.textContent = origin ? '' : say(words.postcode_not_found, { postcode: outwardCode(postcode) });
    }
    if (nothingChosen() && !here) {
      list.replaceChildren(...pageCards);
      if (pager) pager.hidden = false;
      steps.nav.hidden = true;
      count.textContent = pageCount;
      return;
    }
    const all = await facts;
    const within = Number(field('distance').value) || null;
    const want = wanted();
    const shown = [];
    for (const data of all) {
      const at = place(data);
      const distance = origin && at ? miles(origin, at) : null;
      const near = !within || !origin || distance === null || distance <= within;
      if (!matches(data, want) || !near) continue;
      const item = card(data);
      const label = item.querySelector('.distance');
      label.hidden = distance === null;
      label.textContent = distance === null ? '' : distance < 1 ? words.under_a_mile : say(words.about_miles, { count: Math.round(distance) });
      shown.push({ item, distance: distance ?? Infinity });
    }
    if (origin) shown.sort((a, b) => a.distance - b.distance);
    matched = shown.map(({ item }) => item);
    if (pager) pager.hidden = true;
    showMatches(0, false);
    count.textContent = say(words.matching, { count: all.length, shown: shown.length, total: all.length });
  }

  field('locate').addEventListener('click', () => {
    if (!navigator.geolocation) {
      status.textContent = words.no_location;
      return;
    }
    status.textContent = words.finding_location;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        here = { latitude: position.coords.latitude, longitude: position.coords.longitude };
        field('postcode').value = '';
        status.textContent = words.nearest_first;
        update();
      },
      () => {
        status.textContent = words.location_failed;
      },
    );
  });
  form.addEventListener('input', update);
  // A choice made while this file was loading is applied now.
  if (!nothingChosen()) update();
}
