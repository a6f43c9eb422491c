// The quick exit, tried as a young person would try it: the button by mouse, touch and
// keyboard, the exit link after the skip link, Shift three times (and all the ways Shift is
// pressed while typing that must not count), before the page has finished arriving, inside a
// frame, and with other tabs open. README.md "The quick exit and privacy" promises each of these.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { buildSite, serve, launch } from './harness.mjs';
import {
  NEUTRAL, BEFORE, fakeOtherSites, tabFromBefore, leftForNeutral, serveStalling,
  inputToNextFrame, isBlank,
} from './safety-helpers.mjs';

const site = {};
before(async () => {
  site.dir = buildSite();
  site.server = await serve(site.dir);
  site.url = site.server.url;
  site.browser = await launch();
});
after(async () => {
  await site.browser?.close();
  site.server?.close();
});

async function freshContext(options = {}, fakes = {}) {
  const context = await site.browser.newContext(options);
  await fakeOtherSites(context, fakes);
  return context;
}

const exitButton = (page) => page.getByRole('region', { name: 'Quick exit' }).getByRole('button', { name: 'Exit this page' });
const status = (page) => page.locator('#quick-exit-status');
const lit = (page) => page.locator('.quick-exit').getAttribute('data-presses');

test('the Exit this page button leaves for the neutral site, and Back leads to the page before the site', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/signs/12-plus/nutritional/`);
  await exitButton(page).click();
  await leftForNeutral(page);
  assert.equal(page.url(), NEUTRAL);
  await page.goBack();
  assert.equal(page.url(), BEFORE);
  await context.close();
});

test('the button works with a tap on a touch phone', async () => {
  const context = await freshContext({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
  const page = await tabFromBefore(context, `${site.url}/young-people/`);
  await exitButton(page).tap();
  await leftForNeutral(page);
  await context.close();
});

for (const key of ['Enter', 'Space']) {
  test(`${key} on the focused exit button leaves, as on any button`, async () => {
    const context = await freshContext();
    const page = await tabFromBefore(context, `${site.url}/worried/`);
    await exitButton(page).focus();
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.keyboard.press(key);
    await leftForNeutral(page);
    assert.equal(scrolled, 0);
    await page.goBack();
    assert.equal(page.url(), BEFORE);
    await context.close();
  });
}

test('the exit link comes straight after the skip link, and leaves too', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/about/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    text: document.activeElement.textContent,
    visible: document.activeElement.getBoundingClientRect().height > 0,
    role: document.activeElement.getAttribute('role'),
  }));
  assert.deepEqual(focused, { text: 'Exit this page', visible: true, role: null });
  await page.keyboard.press('Enter');
  await leftForNeutral(page);
  await page.goBack();
  assert.equal(page.url(), BEFORE);
  await context.close();
});

test('Shift three times leaves; each press lights one more dot and is announced', async () => {
  const context = await freshContext();
  const page = await tabFromBefore(context, `${site.url}/young-people/`);
  assert.equal(await page.locator('.quick-exit-lights').isVisible(), false, 'no dots before a press');
  await page.keyboard.press('Shift');
  assert.equal(await status(page).textContent(), 'Shift, press 2 more times to exit.');
  assert.equal(await lit(page), '1');
  assert.ok(await page.locator('.quick-exit-lights').isVisible());
  const filled = () => page.locator('.quick-exit-lights span').evaluateAll((dots) =>
    dots.map((dot) => getComputedStyle(dot).backgroundColor !== 'rgba(0, 0, 0, 0)'));
  assert.deepEqual(await filled(), [true, false, false]);
  await page.keyboard.press('Shift');
  assert.equal(await status(page).textContent(), 'Shift, press 1 more time to exit.');
  assert.deepEqual(await filled(), [true, true, false]);
  await page.keyboard.press('Shift');
  await leftForNeutral(page);
  await page.goBack();
  assert.equal(page.url(), BEFORE);
  await context.close();
});

test('five seconds without the next Shift press starts again and says the exit expired', async () => {
  const context = await freshContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${site.url}/young-people/`);
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.clock.fastForward(5100);
  assert.equal(await status(page).textContent(), 'Exit this page expired.');
  assert.equal(await lit(page), null, 'no presses counted');
  assert.equal(await page.locator('.quick-exit-lights').isVisible(), false, 'the dots go out');
  await page.keyboard.press('Shift');
  assert.equal(await status(page).textContent(), 'Shift, press 2 more times to exit.', 'counting from one again');
  await page.clock.fastForward(5100);
  await page.clock.fastForward(5100);
  assert.equal(await status(page).textContent(), '', 'the expiry message clears itself');
  assert.equal(page.url(), `${site.url}/young-people/`);
  await context.close();
});

test('presses 4 seconds apart still leave: each is within 5 seconds of the last', async () => {
  const context = await freshContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${site.url}/young-people/`);
  for (let i = 0; i < 3; i += 1) {
    if (i) await page.clock.fastForward(4000);
    await page.keyboard.press('Shift');
  }
  await leftForNeutral(page);
  await context.close();
});

test('typing capitals in the search box never counts, however the keys overlap', async () => {
  const context = await freshContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/young-people/`);
  const box = page.getByRole('combobox', { name: 'Search this site' });
  await box.click();
  // Shift held for each capital, as most people type.
  await page.keyboard.type('My Dad Never Feeds Me');
  // Shift let go before the letter: fast typists roll their fingers.
  for (const letter of ['I', 'A', 'M']) {
    await page.keyboard.down('Shift');
    await page.keyboard.down(letter);
    await page.keyboard.up('Shift');
    await page.keyboard.up(letter);
  }
  assert.equal(await box.inputValue(), 'My Dad Never Feeds MeIAM');
  assert.equal(page.url(), `${site.url}/young-people/`);
  assert.notEqual(await lit(page), '3');
  await context.close();
});

test('Shift+Tab, Shift with a click, and another key between presses do not count', async () => {
  const context = await freshContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/worried/`);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 3; i += 1) {
    await page.keyboard.down('Shift');
    await page.locator('h1').click();
    await page.keyboard.up('Shift');
  }
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('ArrowDown');
  assert.equal(await status(page).textContent(), 'Exit this page expired.');
  await page.keyboard.press('Shift');
  assert.equal(await status(page).textContent(), 'Shift, press 2 more times to exit.');
  assert.equal(page.url(), `${site.url}/worried/`);
  await context.close();
});

test('holding Shift down counts as one press', async () => {
  const context = await freshContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/worried/`);
  await page.keyboard.down('Shift');
  for (let i = 0; i < 5; i += 1) await page.evaluate(() => dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', shiftKey: true, repeat: true })));
  await page.keyboard.up('Shift');
  assert.equal(await lit(page), '1');
  await context.close();
});

test('the page is blank the moment the exit starts, before the neutral site answers', async () => {
  const context = await freshContext({}, { neutralDelayMs: 4000 });
  const page = await context.newPage();
  await page.goto(`${site.url}/signs/12-plus/supervision/`);
  assert.equal(await isBlank(page), false, 'the page shows before the exit');
  const box = await exitButton(page).boundingBox();
  // The mouse itself, not locator.click(), which would wait for the neutral site to answer.
  const seen = await inputToNextFrame(page, 'click', () => page.mouse.click(box.x + 10, box.y + 10));
  assert.ok(await isBlank(page), 'nothing of the page shows');
  assert.equal(seen.title, 'Loading', 'the tab title gives nothing away');
  assert.equal(seen.alert, 'Loading.', 'screen readers hear that the page is going');
  console.log(`# click to blank page: ${seen.ms.toFixed(1)} ms`);
  await leftForNeutral(page);
  await context.close();
});

test('a page that is still showing while a slow site loads is not blank: the check above can fail', async () => {
  const context = await freshContext({}, { neutralDelayMs: 4000 });
  const page = await context.newPage();
  await page.goto(`${site.url}/signs/12-plus/supervision/`);
  await page.evaluate(() => setTimeout(() => window.location.replace('https://www.bbc.co.uk/weather'), 0));
  await page.waitForTimeout(300);
  assert.equal(await isBlank(page), false, 'without the exit, the old page stays on screen until the next one arrives');
  await context.close();
});

test('the exit works from the first paint, while the rest of the page is still arriving', async () => {
  const slow = await serveStalling(site.dir, '/young-people/');
  for (const how of ['click', 'Shift three times']) {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(BEFORE);
    await page.goto(`${slow.url}/young-people/`, { waitUntil: 'commit' });
    await exitButton(page).waitFor();
    assert.equal(await page.evaluate(() => document.readyState), 'loading', 'the page has not finished');
    assert.equal(await page.locator('main').count(), 0, 'the content has not arrived');
    if (how === 'click') await exitButton(page).click();
    else for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    await leftForNeutral(page);
    await page.goBack();
    assert.equal(page.url(), BEFORE, `${how}: Back leads to the page before the site`);
    await context.close();
  }
  slow.release();
  slow.close();
});

test('other tabs showing the site leave too', async () => {
  const context = await freshContext();
  const first = await tabFromBefore(context, `${site.url}/young-people/`);
  const second = await context.newPage();
  await second.goto(`${site.url}/signs/`);
  const third = await context.newPage();
  await third.goto(`${site.url}/directory/`);
  await exitButton(first).click();
  await Promise.all([first, second, third].map(leftForNeutral));
  await context.close();
});

test('in a frame on another site, the exit takes the whole tab to the neutral site', async () => {
  let framing = '';
  const framer = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(framing));
  await new Promise((resolve) => framer.listen(0, '127.0.0.1', resolve));
  // localhost and 127.0.0.1 are different origins: the frame is cross-origin.
  const framerUrl = `http://localhost:${framer.address().port}/`;
  framing = `<title>Someone else's site</title><iframe src="${site.url}/young-people/" width="800" height="600"></iframe>`;
  const context = await freshContext();
  const page = await context.newPage();
  await page.goto(framerUrl);
  const frame = page.frameLocator('iframe');
  await frame.getByRole('button', { name: 'Exit this page' }).click();
  await leftForNeutral(page);
  assert.equal(page.url(), NEUTRAL, 'the tab, not just the frame');
  await context.close();
  framer.close();
});

test('a page shown in a frame takes the whole tab, where the browser allows it', async () => {
  // Chromium lets a same-origin frame move the tab without a click (other origins need one:
  // the test above); the page then stands alone, where the exit leaves the tab.
  const context = await freshContext();
  const page = await context.newPage();
  await page.route(`${site.url}/framing.html`, (route) => route.fulfill({
    contentType: 'text/html', body: '<title>Framing</title><iframe src="/young-people/"></iframe>',
  }));
  await page.goto(`${site.url}/framing.html`);
  await page.waitForURL(`${site.url}/young-people/`);
  assert.equal(page.frames().length, 1, 'no longer in a frame');
  await context.close();
});

test('without JavaScript the exit is an ordinary link to the neutral site, with no Shift hint', async () => {
  const context = await freshContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}/worried/`);
  assert.equal(await page.locator('.quick-exit-hint').isVisible(), false, 'Shift does nothing without JavaScript');
  await exitButton(page).click();
  await leftForNeutral(page);
  await context.close();
});

test('the Shift hint shows with a mouse and keyboard, and not on a touch phone or a narrow screen', async () => {
  const cases = [
    { name: 'desktop', options: { viewport: { width: 1280, height: 800 } }, shown: true },
    { name: 'phone', options: { viewport: { width: 800, height: 1200 }, hasTouch: true, isMobile: true }, shown: false },
    { name: '400% zoom', options: { viewport: { width: 320, height: 256 } }, shown: false },
  ];
  for (const { name, options, shown } of cases) {
    const context = await freshContext(options);
    const page = await context.newPage();
    await page.goto(`${site.url}/young-people/`);
    assert.equal(await page.getByText('or press Shift 3 times').isVisible(), shown, name);
    await context.close();
  }
});

test('the exit bar is one short line at every width, and the exit never scrolls away', async () => {
  for (const [width, height] of [[320, 256], [320, 640], [375, 667], [768, 1024], [1280, 800]]) {
    const context = await freshContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${site.url}/about-neglect/types-of-neglect/`);
    const bar = await page.getByRole('region', { name: 'Quick exit' }).boundingBox();
    assert.ok(bar.height <= 56, `the bar is ${bar.height}px tall at ${width}px`);
    await page.mouse.wheel(0, 3000);
    await page.waitForFunction(() => window.scrollY > 0);
    const button = await exitButton(page).boundingBox();
    assert.ok(button.y >= 0 && button.y + button.height <= bar.height, `the button is in view at ${width}px`);
    await context.close();
  }
});
