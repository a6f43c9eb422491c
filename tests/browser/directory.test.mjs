// What a family asks of the directory, in Chromium: who can help right now (at fixed clock
// times either side of British Summer Time and on a bank holiday), whether a service is open,
// the filters families use, and a shortlist that survives moving around the site but not the
// quick exit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { exampleSite, axeViolations } from './harness.mjs';

const NEUTRAL = 'https://www.bbc.co.uk/weather';
const site = exampleSite({ before, after });

/** A page whose clock is fixed at `iso` (UTC), showing `path`. */
async function at(iso, path, options = {}) {
  const context = await site.browser.newContext(options);
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(iso));
  await page.goto(site.url + path);
  return { context, page };
}

/** The help box's visible contacts, by label, with their "open now" line. */
async function answering(page) {
  await page.locator('.help-now:not([hidden])').waitFor();
  return page.locator('.help-contacts li:not([hidden])').evaluateAll((items) =>
    items.map((li) => [li.querySelector('.help-label').textContent.trim(), li.querySelector('.help-open:not([hidden])')?.textContent ?? '']));
}

const FRONT_DOOR = "Example Borough Children's Front Door";
const OUT_OF_HOURS = 'Out of hours social care';

// The front door answers Monday to Thursday 8:30am to 5pm and Friday 8:30am to 4:30pm, by the
// partnership's clock, and not on bank holidays.
const times = [
  ['Monday 30 March 2026, 08:45 BST (07:45 UTC): the first working morning of summer time', '2026-03-30T07:45:00Z', true, 'Monday 8:45am'],
  ['Monday 30 March 2026, 08:15 BST (07:15 UTC): not open yet', '2026-03-30T07:15:00Z', false, 'Monday 8:15am'],
  ['Friday 27 March 2026, 16:15 GMT: the last afternoon before the clocks change', '2026-03-27T16:15:00Z', true, 'Friday 4:15pm'],
  ['Friday 27 March 2026, 16:45 GMT: closed on Fridays at 4:30pm', '2026-03-27T16:45:00Z', false, 'Friday 4:45pm'],
  ['Sunday 29 March 2026, 00:30 GMT: the hour before the change', '2026-03-29T00:30:00Z', false, 'Sunday 12:30am'],
  ['Sunday 29 March 2026, 02:30 BST (01:30 UTC): the hour after the change', '2026-03-29T01:30:00Z', false, 'Sunday 2:30am'],
  ['Monday 26 October 2026, 08:15 GMT: after summer time ends, not open yet', '2026-10-26T08:15:00Z', false, 'Monday 8:15am'],
  ['Monday 26 October 2026, 08:45 GMT: open', '2026-10-26T08:45:00Z', true, 'Monday 8:45am'],
  ['Good Friday 3 April 2026, 10:00 BST: a bank holiday', '2026-04-03T09:00:00Z', false, 'Friday 10am, a bank holiday'],
];

for (const [when, iso, open, label] of times) {
  test(`who can help right now: ${when}`, async () => {
    const { context, page } = await at(iso, '/about/');
    const shown = await answering(page);
    const labels = shown.map(([name]) => name);
    assert.equal(labels.includes(FRONT_DOOR), open, `front door shown: ${labels}`);
    assert.equal(labels.includes(OUT_OF_HOURS), !open, `out of hours shown: ${labels}`);
    assert.ok(labels.includes('Childline') && labels.includes('A child is in immediate danger'), 'numbers for any time stay');
    const line = Object.fromEntries(shown);
    if (open) assert.match(line[FRONT_DOOR], /^Open now, until (5pm|4:30pm)$/);
    else assert.equal(line[OUT_OF_HOURS], 'Open now');
    assert.equal(await page.locator('.help-now').textContent(), `The numbers to call now (${label}):`);
    await context.close();
  });
}

test('every number and its hours are one button away, and on show without JavaScript', async () => {
  const { context, page } = await at('2026-03-30T07:45:00Z', '/about/');
  await page.getByRole('button', { name: 'Show every number and its hours' }).click();
  assert.equal(await page.locator('.help-contacts li:not([hidden])').count(), 4);
  assert.ok(await page.getByText('Monday to Thursday: 8:30am to 5pm').isVisible());
  assert.ok(await page.getByText("When Example Borough Children's Front Door is closed").isVisible());
  await context.close();
  const off = await site.browser.newContext({ javaScriptEnabled: false });
  const plain = await off.newPage();
  await plain.goto(`${site.url}/about/`);
  assert.equal(await plain.locator('.help-contacts li:visible').count(), 4);
  for (const text of ['Friday: 8:30am to 4:30pm', 'Closed on bank holidays', "When Example Borough Children's Front Door is closed: evenings, weekends and bank holidays"]) {
    assert.ok(await plain.getByText(text).isVisible(), text);
  }
  await off.close();
});

test('a service says whether it is open today, or when it next opens', async () => {
  // Baby and Me meets on Wednesdays, 10am to 11:30am.
  const card = (page) => page.locator('.service-card[data-id="baby-and-me-eastfield"] .open-status');
  let { context, page } = await at('2026-04-01T09:30:00Z', '/directory/');
  assert.equal(await card(page).textContent(), 'Open today until 11:30am');
  await context.close();
  ({ context, page } = await at('2026-03-30T12:00:00Z', '/directory/baby-and-me-eastfield/'));
  assert.equal(await page.locator('.open-status').textContent(), 'Closed now. Next open Wednesday 10am');
  await context.close();
  ({ context, page } = await at('2026-04-01T11:00:00Z', '/directory/baby-and-me-eastfield/'));
  assert.equal(await page.locator('.open-status').textContent(), 'Closed now. Next open Wednesday 8 April 10am');
  await context.close();
});

test('on a bank holiday a service open today says to check before going', async () => {
  // Friday Friends meets on Fridays 6pm to 8pm; Good Friday 2026 is a bank holiday.
  const { context, page } = await at('2026-04-03T17:30:00Z', '/directory/inclusive-youth-club/');
  assert.equal(await page.locator('.open-status').textContent(), 'Open today until 8pm. It is a bank holiday: check before you go');
  await context.close();
});

/** The directory page, with a way to read the count after each change. */
async function directory() {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/directory/`);
  const count = page.locator('#result-count');
  const after = async (action) => {
    const before = await count.textContent();
    await action();
    await page.waitForFunction((text) => document.getElementById('result-count').textContent !== text, before);
    return Number((await count.textContent()).match(/^\d+/)[0]);
  };
  const facts = await page.evaluate(() => fetch('/directory/filters.json').then((r) => r.json()));
  const shown = () => page.locator('.service-card:not([hidden])').evaluateAll((cards) => cards.map((c) => c.dataset.id));
  return { context, page, after, facts: new Map(facts.map((f) => [f.id, f])), shown };
}

test('the language filter shows services in that language', async () => {
  const { context, page, after, facts, shown } = await directory();
  const polish = await after(() => page.getByLabel('Language spoken').selectOption('Polish'));
  const ids = await shown();
  assert.equal(ids.length, polish);
  assert.ok(polish > 0 && polish < facts.size);
  assert.ok(ids.every((id) => facts.get(id).languages.includes('Polish')));
  await context.close();
});

test('the how-you-can-use-it filter shows services offering any way chosen', async () => {
  const { context, page, after, facts, shown } = await directory();
  const online = await after(() => page.getByLabel('online', { exact: true }).check());
  assert.ok((await shown()).every((id) => facts.get(id).attending.includes('online')));
  const either = await after(() => page.getByLabel('home visits').check());
  assert.ok(either > online, 'a second way widens the list');
  assert.ok((await shown()).every((id) => ['online', 'home-visit'].some((w) => facts.get(id).attending.includes(w))));
  await context.close();
});

test('the accessibility filter shows services whose places have every feature chosen', async () => {
  const { context, page, after, facts, shown } = await directory();
  const loop = await after(() => page.getByLabel('hearing loop').check());
  assert.ok(loop > 0 && loop < facts.size);
  assert.ok((await shown()).every((id) => facts.get(id).accessibility.includes('hearing-loop')));
  const both = await after(() => page.getByLabel('a quiet space').check());
  assert.ok(both <= loop);
  assert.ok((await shown()).every((id) => ['hearing-loop', 'quiet-space'].every((f) => facts.get(id).accessibility.includes(f))));
  await context.close();
});

test('the SEND filter shows services with Local Offer answers, by area of need', async () => {
  const { context, page, after, facts, shown } = await directory();
  const send = page.getByLabel('Support for special educational needs and disabilities (SEND)');
  const any = await after(() => send.selectOption('any'));
  assert.equal(any, [...facts.values()].filter((f) => f.send.length).length);
  const emotional = await after(() => send.selectOption({ label: 'Social, emotional and mental health' }));
  assert.ok(emotional > 0 && emotional < any);
  assert.ok((await shown()).every((id) => facts.get(id).send.includes('social-emotional-and-mental-health')));
  await page.locator('.service-card:not([hidden]) h3 a').first().click();
  await page.getByRole('heading', { name: 'Support for special educational needs and disabilities (SEND)' }).waitFor();
  await context.close();
});

/** Adds the service `name` to the shortlist from the page shown. */
const shortlist = (page, name) => page.getByRole('button', { name: `Add to shortlist: ${name}` }).click();

test('the shortlist survives moving around the site, and copies and prints', async () => {
  const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${site.url}/directory/`);
  await shortlist(page, 'Baby and Me stay and play');
  await shortlist(page, 'Example Borough Food Bank');
  await page.getByText('Added Example Borough Food Bank to your shortlist. It has 2 services.').waitFor({ state: 'attached' });
  await page.getByRole('link', { name: 'About this site' }).click();
  await page.waitForURL('**/about/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find local support' }).click();
  await page.waitForURL('**/directory/');
  const items = page.locator('.shortlist-items li a');
  await items.first().waitFor();
  assert.deepEqual(await items.allTextContents(), ['Baby and Me stay and play', 'Example Borough Food Bank']);
  await page.getByRole('link', { name: 'Family support', exact: true }).click();
  await page.waitForURL('**/category/family-support/');
  await page.locator('.service-card[data-id="north-family-hub"] h3 a').click();
  await page.waitForURL('**/north-family-hub/');
  await page.locator('.shortlist-items li').nth(1).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Your shortlist (2 services)' }).count(), 1);
  await shortlist(page, 'North Family Hub');
  await page.getByRole('button', { name: 'Copy the shortlist as text' }).click();
  await page.getByText('Copied 3 services.').waitFor({ state: 'attached' });
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^My shortlist from /);
  assert.match(text, /1\. Baby and Me stay and play\n {3}Phone: 07700 900 112\n {3}Address: 40 Orchard Lane, Eastfield, Example Town, EB3 4QT\n {3}http:\/\/127\.0\.0\.1:\d+\/directory\/baby-and-me-eastfield\//);
  assert.match(text, /3\. North Family Hub/);
  await page.evaluate(() => { window.print = () => { window.printed = true; }; });
  await page.getByRole('button', { name: 'Print the shortlist' }).click();
  assert.equal(await page.evaluate(() => window.printed), true);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('#shortlist').isVisible());
  for (const hidden of ['main h1', '.help', '.shortlist-actions', '#what-it-offers']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  await page.emulateMedia({ media: 'screen' });
  const traces = await page.evaluate(() => ({
    stored: localStorage.length + sessionStorage.length, hash: location.hash, search: location.search, state: history.state, cookie: document.cookie,
  }));
  assert.deepEqual(traces, { stored: 0, hash: '', search: '', state: null, cookie: '' });
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

test('the quick exit takes the shortlist with it, whichever way it is pressed', async () => {
  for (const leave of ['button', 'shift']) {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }));
    await page.goto(`${site.url}/directory/`);
    await shortlist(page, 'Baby and Me stay and play');
    await page.locator('.shortlist-items li').first().waitFor();
    if (leave === 'button') await page.getByRole('button', { name: 'Exit this page' }).click();
    else for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    await page.waitForURL(`${NEUTRAL}**`);
    assert.equal(await page.evaluate(() => window.name), '', `nothing is handed to the next site (${leave})`);
    await page.goBack().catch(() => {});
    await page.goto(`${site.url}/directory/`);
    assert.equal(await page.locator('#shortlist').isVisible(), false, `the list is gone (${leave})`);
    assert.equal(await page.getByRole('button', { name: 'Add to shortlist: Baby and Me stay and play' }).count(), 1);
    await context.close();
  }
});

test('following a link to another website, or typing an address, ends the shortlist', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.route('https://example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Elsewhere</title>' }));
  await page.goto(`${site.url}/directory/baby-and-me-eastfield/`);
  await shortlist(page, 'Baby and Me stay and play');
  await page.locator('.shortlist-items li').first().waitFor();
  await page.getByRole('link', { name: 'https://example.org/eastfield-community/baby-and-me' }).click();
  await page.waitForURL('https://example.org/**');
  assert.equal(await page.evaluate(() => window.name), '', 'the other website is handed nothing');
  await page.goto(`${site.url}/directory/baby-and-me-eastfield/`);
  await shortlist(page, 'Baby and Me stay and play');
  await page.locator('.shortlist-items li').first().waitFor();
  await page.goto(`${site.url}/directory/`);
  assert.equal(await page.locator('#shortlist').isVisible(), false, 'typing an address starts afresh');
  await context.close();
});

test('removing and clearing keep the keyboard in the shortlist, and it passes axe', async () => {
  const context = await site.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${site.url}/directory/`);
  await shortlist(page, 'Baby and Me stay and play');
  await shortlist(page, 'Example Borough Food Bank');
  await page.locator('.shortlist-items li').nth(1).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: 'Remove Baby and Me stay and play from the shortlist' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'shortlist-heading');
  assert.equal(await page.getByRole('button', { name: 'Add to shortlist: Baby and Me stay and play' }).count(), 1);
  await page.getByRole('button', { name: 'Clear the shortlist' }).click();
  assert.equal(await page.locator('#shortlist').isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await context.close();
});

test('the directory with its new filters and an open shortlist fits 320px', async () => {
  const context = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${site.url}/directory/`);
  await shortlist(page, 'Baby and Me stay and play');
  await page.locator('.shortlist-items li').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px too wide`);
  await context.close();
});
