// How long the quick exit takes from the reader's input to a blank page, in headless Chromium:
// the time from the input event to the first frame produced after it (when the page is blank),
// for each way of leaving, on this machine's CPU and slowed down 4 and 6 times (an old phone).
// The neutral site answers late, so each run ends on the blanked page, and the run checks
// that it really is blank. Usage: node bench/quick-exit.mjs [RUNS]
import { buildSite, serve, launch } from '../tests/browser/harness.mjs';
import { fakeOtherSites, inputToNextFrame, isBlank } from '../tests/browser/safety-helpers.mjs';

const RUNS = Number(process.argv[2] ?? 15);
const PAGE = '/signs/12-plus/supervision/';
const WAYS = {
  'click the button': { event: 'click', act: async (page) => {
    const box = await page.locator('.quick-exit').boundingBox();
    await page.mouse.click(box.x + 10, box.y + 10);
  } },
  'Enter on the button': { event: 'keydown', act: async (page) => {
    await page.locator('.quick-exit').focus();
    await page.keyboard.press('Enter');
  } },
  'Space on the button': { event: 'keydown', act: async (page) => {
    await page.locator('.quick-exit').focus();
    await page.keyboard.press(' ');
  } },
  'Shift 3 times (from the 3rd)': { event: 'keyup', nth: 3, act: async (page) => {
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
  } },
};

const server = await serve(buildSite());
const browser = await launch();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`input to blank page, ms (${RUNS} runs each, ${PAGE})`);
console.log('way                            cpu   median     max  blank');
for (const slowdown of [1, 4, 6]) {
  for (const [name, way] of Object.entries(WAYS)) {
    const times = [];
    let blank = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext();
      const neutral = await fakeOtherSites(context, { neutralDelayMs: 10000 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
      await page.goto(server.url + PAGE);
      const seen = await inputToNextFrame(page, way.event, () => way.act(page), { nth: way.nth ?? 1 });
      times.push(seen.ms);
      if (await isBlank(page)) blank += 1;
      neutral.answerNow();
      await context.close();
    }
    const cpu = slowdown === 1 ? '1x' : `${slowdown}x`;
    console.log(`${name.padEnd(30)} ${cpu.padStart(4)}  ${median(times).toFixed(1).padStart(7)} ${Math.max(...times).toFixed(1).padStart(7)}  ${blank}/${RUNS}`);
  }
}
await browser.close();
server.close();
