// The directory's filters: they narrow the list the page already shows, in place, and say how
// many services match. Everything runs in the browser. The facts the filters need come from
// the site's own filters.json when someone first uses them, and the postcode district centres
// only when someone types a postcode.
const form = document.getElementById('directory-filters');
const list = document.getElementById('service-list');
const count = document.getElementById('result-count');

if (form && list && count) {
  const items = [...list.children];
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

  let facts = null;
  const factsOf = async () => {
    facts ??= fetch(form.dataset.filters).then((r) => r.json()).then((all) => new Map(all.map((s) => [s.id, s])));
    return facts;
  };

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

  // Each card gets a line for its distance, shown once a place to measure from is known.
  for (const item of items) {
    const line = Object.assign(document.createElement('li'), { className: 'distance', hidden: true });
    item.querySelector('.facts').append(line);
  }

  async function update() {
    const need = field('need').value;
    const subNeeds = [...field('need').options].filter((o) => o.dataset.parent === need).map((o) => o.value);
    const ageText = field('age').value.trim();
    const wanted = {
      need,
      needFamily: subNeeds,
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
    let origin = here;
    const postcode = field('postcode').value.trim();
    if (postcode) {
      origin = await districtCentre(postcode);
      status.textContent = origin ? '' : `We could not find ${outwardCode(postcode)}. Try the first part of a postcode in this area.`;
    }
    const within = Number(field('distance').value) || null;
    const all = await factsOf();
    const shown = [];
    for (const item of items) {
      const data = all.get(item.dataset.id);
      const at = place(data);
      const distance = origin && at ? miles(origin, at) : null;
      const near = !within || !origin || distance === null || distance <= within;
      const visible = matches(data, wanted) && near;
      item.hidden = !visible;
      const label = item.querySelector('.distance');
      label.hidden = distance === null;
      label.textContent = distance === null ? '' : distance < 1 ? 'Less than 1 mile away' : `About ${Math.round(distance)} miles away`;
      if (visible) shown.push({ item, distance: distance ?? Infinity });
    }
    if (origin) shown.sort((a, b) => a.distance - b.distance);
    for (const { item } of shown) list.append(item);
    count.textContent = `${shown.length} of ${items.length} services match.`;
  }

  field('locate').addEventListener('click', () => {
    if (!navigator.geolocation) {
      status.textContent = 'This browser cannot share your location. Type the first part of your postcode instead.';
      return;
    }
    status.textContent = 'Finding your location…';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        here = { latitude: position.coords.latitude, longitude: position.coords.longitude };
        field('postcode').value = '';
        status.textContent = 'Showing the nearest services first. Your location stays on this device.';
        update();
      },
      () => {
        status.textContent = 'Your location could not be found. Type the first part of your postcode instead.';
      },
    );
  });
  form.addEventListener('input', update);
  form.addEventListener('focusin', factsOf, { once: true });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
}
