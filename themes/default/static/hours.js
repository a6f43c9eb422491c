// Who can help right now, and whether a service is open: judged in the reader's browser by
// the partnership's clock (its time zone, so British Summer Time is allowed for) and its bank
// holidays. Without JavaScript every number and service shows its full hours instead.
const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const minutesOf = (clock) => {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
};

/** "MO,TU 09:00-17:00|SA 10:00-12:00" -> [{ days: Set of 0 (Monday) to 6, opens, closes }] */
export function parseHours(text) {
  return (text || '').split('|').filter(Boolean).map((part) => {
    const [days, times] = part.trim().split(' ');
    const [opens, closes] = times.split('-').map(minutesOf);
    return { days: new Set(days.split(',').map((code) => CODES.indexOf(code))), opens, closes };
  });
}

/** The date ('2026-03-30'), weekday (0 is Monday) and minutes past midnight in `timeZone`. */
export function localNow(timeZone, now = new Date()) {
  const parts = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  for (const { type, value } of format.formatToParts(now)) parts[type] = value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, day: weekday(date), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const utc = (date) => new Date(`${date}T00:00:00Z`);
const weekday = (date) => (utc(date).getUTCDay() + 6) % 7;
const addDays = (date, n) => new Date(utc(date).getTime() + n * 86400000).toISOString().slice(0, 10);

/** "9am", "5:30pm", "midday", "midnight": the way GOV.UK writes times. */
export function clock(minutes) {
  const [h, m] = [Math.floor(minutes / 60) % 24, minutes % 60];
  if (m === 0 && h === 12) return 'midday';
  if (m === 0 && h === 0) return 'midnight';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

/**
 * Whether `schedules` are open at `now` (from localNow), until when, and when they next open.
 * `closedOn` is a Set of dates on which they are closed (bank holidays), or empty.
 */
export function status(schedules, now, closedOn = new Set()) {
  const openToday = !closedOn.has(now.date);
  const current = openToday ? schedules.filter((s) => s.days.has(now.day) && s.opens <= now.minutes && now.minutes < s.closes) : [];
  const until = current.length ? Math.max(...current.map((s) => s.closes)) : null;
  let next = null;
  for (let offset = 0; offset < 15 && !next; offset += 1) {
    const date = addDays(now.date, offset);
    if (closedOn.has(date)) continue;
    const day = weekday(date);
    const later = schedules.filter((s) => s.days.has(day) && (offset > 0 || s.opens > now.minutes));
    if (later.length) next = { offset, day, date, opens: Math.min(...later.map((s) => s.opens)) };
  }
  return { open: until !== null, until, next };
}

/** "today", "tomorrow", "Monday", or the date for a day more than a week away. */
function dayWord(next) {
  if (next.offset === 0) return 'today';
  if (next.offset === 1) return 'tomorrow';
  if (next.offset < 7) return NAMES[next.day];
  return utc(next.date).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
}

/** "Open today until 5pm", or "Closed now. Next open Monday 9am". */
export function describe(state) {
  if (state.open) return `Open today until ${clock(state.until)}`;
  if (!state.next) return 'Closed now';
  return `Closed now. Next open ${dayWord(state.next)} ${clock(state.next.opens)}`;
}

const dates = (text) => new Set((text || '').split(/\s+/).filter(Boolean));

function safeNow(timeZone) {
  try {
    return localNow(timeZone);
  } catch {
    return null; // A time zone this browser does not know: the full hours stay on show.
  }
}

/** The help box: the numbers answering now, the others behind a button. */
function updateHelp(box) {
  const now = safeNow(box.dataset.timeZone);
  if (!now || box.dataset.showAll) return;
  const holidays = dates(box.dataset.bankHolidays);
  const holiday = holidays.has(now.date);
  const timed = [...box.querySelectorAll('li[data-hours]')];
  let anyOpen = false;
  for (const item of timed) {
    const closedOn = item.dataset.bankHolidays === 'open' ? new Set() : holidays;
    const state = status(parseHours(item.dataset.hours), now, closedOn);
    anyOpen ||= state.open;
    item.hidden = !state.open;
    const line = item.querySelector('.help-open');
    line.textContent = state.open ? `Open now, until ${clock(state.until)}` : '';
    line.hidden = !state.open;
    item.querySelector('.help-hours').hidden = state.open;
  }
  for (const item of box.querySelectorAll('li[data-out-of-hours]')) {
    item.hidden = anyOpen;
    const line = item.querySelector('.help-open');
    line.textContent = anyOpen ? '' : 'Open now';
    line.hidden = anyOpen;
    item.querySelector('.help-hours').hidden = !anyOpen;
  }
  const when = `${NAMES[now.day]} ${clock(now.minutes)}${holiday ? ', a bank holiday' : ''}`;
  const note = box.querySelector('.help-now');
  note.textContent = `The numbers to call now (${when}):`;
  note.hidden = false;
  box.querySelector('.help-all').hidden = false;
}

function showAll(box) {
  box.dataset.showAll = 'true';
  for (const item of box.querySelectorAll('.help-contacts li')) {
    item.hidden = false;
    item.querySelector('.help-hours')?.removeAttribute('hidden');
    const open = item.querySelector('.help-open');
    if (open) open.hidden = true;
  }
  box.querySelector('.help-now').textContent = 'Every number, and when it answers:';
  const button = box.querySelector('.help-all');
  button.hidden = true;
  box.querySelector('.help-contacts a')?.focus();
}

/** Each service's "Open today until 5pm" line, where the page shows one. */
function updateServices() {
  for (const holder of document.querySelectorAll('[data-time-zone][data-services]')) {
    const now = safeNow(holder.dataset.timeZone);
    if (!now) continue;
    const holiday = dates(holder.dataset.bankHolidays).has(now.date);
    for (const line of holder.querySelectorAll('.open-status[data-hours]')) {
      const schedules = parseHours(line.dataset.hours);
      if (!schedules.length) continue;
      const text = describe(status(schedules, now));
      line.textContent = holiday ? `${text}. It is a bank holiday: check before you go` : text;
      line.hidden = false;
    }
  }
}

if (typeof document !== 'undefined') {
  const box = document.querySelector('.help[data-time-zone]');
  const update = () => {
    if (box) updateHelp(box);
    updateServices();
  };
  box?.querySelector('.help-all')?.addEventListener('click', () => showAll(box));
  update();
  setInterval(update, 60000);
}
