// Who can help right now: judged in the reader's browser by the partnership's clock (its time
// zone, so British Summer Time is allowed for) and its bank holidays. Without JavaScript every
// number shows its hours instead. open-status.js uses the same clock for services. The words,
// in the page's language, are written in where the marker is when the site is built.
const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
// Only the words said here and by open-status.js: every page whose help numbers have hours
// loads this script, so each word more is bytes on every page.
export const words = {/*signpost:strings help.numbers_now, help.holiday_note, help.every_number,
  help.open_now, help.open_now_until, time.days, time.clock, time.am, time.pm, time.midday,
  time.midnight, time.today, time.tomorrow, time.open_today_until, time.closed_now, time.next_open,
  time.bank_holiday*/};
const lang = () => (typeof document === 'undefined' ? 'en-GB' : document.documentElement.lang);

/** A strings entry for `values.count` things (its plural form), each {name} filled in. */
export const say = (entry, values = {}) => {
  const form = typeof entry === 'string' ? entry : entry[new Intl.PluralRules(lang()).select(values.count)] ?? entry.other;
  return form.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
};

/** "MO,TU 09:00-17:00|SA 10:00-12:00" -> [{ days: Set of 0 (Monday) to 6, opens, closes }] */
export const parseHours = (text) => (text || '').split('|').filter(Boolean).map((part) => {
  const [days, times] = part.trim().split(' ');
  const [opens, closes] = times.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  return { days: new Set(days.split(',').map((code) => CODES.indexOf(code))), opens, closes };
});

const utc = (date) => new Date(`${date}T00:00:00Z`);
const weekday = (date) => (utc(date).getUTCDay() + 6) % 7;
const addDays = (date, n) => new Date(utc(date).getTime() + n * 864e5).toISOString().slice(0, 10);

/** The date ('2026-03-30'), weekday (0 is Monday) and minutes past midnight in `timeZone`. */
export function localNow(timeZone, now = new Date()) {
  const p = {};
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const { type, value } of format.formatToParts(now)) p[type] = value;
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, day: weekday(date), minutes: p.hour * 60 + Number(p.minute) };
}

/** "9am", "5:30pm", "midday", "midnight" on a 12-hour clock (the way GOV.UK writes times);
 * "9:00", "17:30" on a 24-hour one. */
export function clock(minutes) {
  const { time } = words;
  const [h, m] = [Math.floor(minutes / 60) % 24, minutes % 60];
  if (time.clock === '24-hour') return `${h}:${String(m).padStart(2, '0')}`;
  if (!m && h % 12 === 0) return h ? time.midday : time.midnight;
  return `${h % 12 || 12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? time.am : time.pm}`;
}

/** Whether `schedules` are open at `now`, until when, and when they next open; `closedOn`
 * holds the dates (bank holidays) they are shut. */
export function status(schedules, now, closedOn = new Set()) {
  const current = closedOn.has(now.date) ? [] : schedules.filter((s) => s.days.has(now.day) && s.opens <= now.minutes && now.minutes < s.closes);
  let next = null;
  for (let offset = 0; offset < 15 && !next; offset += 1) {
    const date = addDays(now.date, offset);
    const day = weekday(date);
    const later = closedOn.has(date) ? [] : schedules.filter((s) => s.days.has(day) && (offset || s.opens > now.minutes));
    if (later.length) next = { offset, day, date, opens: Math.min(...later.map((s) => s.opens)) };
  }
  return { open: current.length > 0, until: Math.max(...current.map((s) => s.closes)), next };
}

/** "Open today until 5pm", or "Closed now. Next open Monday 9am". */
export function describe({ open, until, next }) {
  const { time } = words;
  if (open) return say(time.open_today_until, { time: clock(until) });
  if (!next) return time.closed_now;
  const { offset, day, date } = next;
  const when = offset === 0 ? time.today : offset === 1 ? time.tomorrow : offset < 7 ? time.days[day]
    : utc(date).toLocaleDateString(lang(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  return say(time.next_open, { when, time: clock(next.opens) });
}

export const dates = (text) => new Set((text || '').split(' ').filter(Boolean));
export const show = (element, text) => {
  element.textContent = text;
  element.hidden = !text;
};

/** The help box: the numbers answering now; the others behind a button. */
function updateHelp(box, now) {
  const holidays = dates(box.dataset.bankHolidays);
  let anyOpen = false;
  for (const item of box.querySelectorAll('li[data-hours]')) {
    const state = status(parseHours(item.dataset.hours), now, item.dataset.bankHolidays ? new Set() : holidays);
    anyOpen ||= state.open;
    item.hidden = !state.open;
    show(item.querySelector('.help-open'), state.open ? say(words.help.open_now_until, { time: clock(state.until) }) : '');
    item.querySelector('.help-hours').hidden = state.open;
  }
  for (const item of box.querySelectorAll('li[data-out-of-hours]')) {
    item.hidden = anyOpen;
    show(item.querySelector('.help-open'), anyOpen ? '' : words.help.open_now);
    item.querySelector('.help-hours').hidden = !anyOpen;
  }
  const holiday = holidays.has(now.date) ? words.help.holiday_note : '';
  show(box.querySelector('.help-now'), say(words.help.numbers_now, { day: words.time.days[now.day], time: clock(now.minutes), holiday }));
  box.querySelector('.help-all').hidden = false;
}

function showAll(box) {
  box.dataset.showAll = 'true';
  for (const item of box.querySelectorAll('.help-contacts li')) {
    item.hidden = false;
    for (const hours of item.querySelectorAll('.help-hours')) hours.hidden = false;
    for (const open of item.querySelectorAll('.help-open')) open.hidden = true;
  }
  show(box.querySelector('.help-now'), words.help.every_number);
  box.querySelector('.help-all').hidden = true;
  box.querySelector('.help-contacts a').focus();
}

/** The partnership's date and time now, from the page's time zone; null when this browser
 * does not know the zone (the full hours then stay on show). */
export function pageNow() {
  try {
    return localNow(document.querySelector('[data-time-zone]').dataset.timeZone);
  } catch {
    return null;
  }
}

const box = typeof document === 'undefined' ? null : document.querySelector('.help[data-time-zone]');
if (box) {
  const update = () => {
    const now = pageNow();
    if (now && !box.dataset.showAll) updateHelp(box, now);
  };
  box.querySelector('.help-all').addEventListener('click', () => showAll(box));
  update();
  setInterval(update, 60000);
}
