// The opening-hours logic the browser runs (themes/default/static/hours.js, as the build
// publishes it, with the English words written in), checked directly at fixed instants: the
// partnership's clock either side of the changes to and from British Summer Time, bank
// holidays, and the week wrapping round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSite } from './harness.mjs';

/** The hours.js a page of the built example site loads, with its language's words in it. */
const built = buildSite();
const hoursOf = (page) => pathToFileURL(join(built, readFileSync(join(built, page), 'utf8').match(/src="\/(assets\/hours\.[0-9a-f]+\.js)"/)[1]));
const { parseHours, localNow, status, describe, clock } = await import(hoursOf('index.html'));
const polish = await import(hoursOf('pl/index.html'));

const frontDoor = parseHours('MO,TU,WE,TH 08:30-17:00|FR 08:30-16:30');
const london = (iso) => localNow('Europe/London', new Date(iso));

test('the local clock follows British Summer Time', () => {
  assert.deepEqual(london('2026-03-29T00:59:00Z'), { date: '2026-03-29', day: 6, minutes: 59 });
  assert.deepEqual(london('2026-03-29T01:00:00Z'), { date: '2026-03-29', day: 6, minutes: 120 });
  assert.deepEqual(london('2026-10-25T00:59:00Z'), { date: '2026-10-25', day: 6, minutes: 119 });
  assert.deepEqual(london('2026-10-25T01:00:00Z'), { date: '2026-10-25', day: 6, minutes: 60 });
  assert.deepEqual(london('2026-06-30T23:30:00Z'), { date: '2026-07-01', day: 2, minutes: 30 }, 'a new day in BST before UTC');
});

test('open and closed by the hour either side of a change', () => {
  assert.equal(status(frontDoor, london('2026-03-30T07:45:00Z')).open, true, '08:45 BST');
  assert.equal(status(frontDoor, london('2026-03-27T07:45:00Z')).open, false, '07:45 GMT');
  assert.equal(status(frontDoor, london('2026-10-26T08:15:00Z')).open, false, '08:15 GMT');
  assert.equal(status(frontDoor, london('2026-10-23T07:45:00Z')).open, true, '08:45 BST');
});

test('bank holidays close what is closed on them, and the next opening skips them', () => {
  const goodFriday = london('2026-04-03T09:00:00Z');
  const holidays = new Set(['2026-04-03', '2026-04-06']);
  const state = status(frontDoor, goodFriday, holidays);
  assert.equal(state.open, false);
  assert.equal(describe(state), 'Closed now. Next open Tuesday 8:30am', 'Easter Monday is skipped too');
  assert.equal(status(frontDoor, goodFriday).open, true, 'without the holidays it would be open');
});

test('the words a reader sees', () => {
  const weds = parseHours('WE 10:00-11:30');
  assert.equal(describe(status(weds, london('2026-04-01T09:30:00Z'))), 'Open today until 11:30am');
  assert.equal(describe(status(weds, london('2026-04-01T08:00:00Z'))), 'Closed now. Next open today 10am');
  assert.equal(describe(status(weds, london('2026-03-31T12:00:00Z'))), 'Closed now. Next open tomorrow 10am');
  assert.equal(describe(status(weds, london('2026-03-29T12:00:00Z'))), 'Closed now. Next open Wednesday 10am');
  assert.equal(describe(status(weds, london('2026-04-01T11:00:00Z'))), 'Closed now. Next open Wednesday 8 April 10am');
  assert.equal(describe(status([], london('2026-04-01T11:00:00Z'))), 'Closed now');
  assert.deepEqual([0, 570, 720, 1020, 1439].map(clock), ['midnight', '9:30am', 'midday', '5pm', '11:59pm']);
});

test('the words a reader sees in Polish: the 24-hour clock and the Polish days', async () => {
  const weds = polish.parseHours('WE 10:00-11:30');
  const now = polish.localNow('Europe/London', new Date('2026-03-29T12:00:00Z'));
  assert.equal(polish.describe(polish.status(weds, now)), 'Teraz nieczynne. Otwarte ponownie: środa, 10:00');
  assert.deepEqual([0, 570, 720, 1020].map(polish.clock), ['0:00', '9:30', '12:00', '17:00']);
});

test('a time zone the browser does not know is an error the page survives', () => {
  assert.throws(() => localNow('Europe/Nowhere', new Date()), RangeError);
});
