// Whether each service shown is open: "Open today until 5pm", "Closed now. Next open Monday
// 9am", by the partnership's clock (hours.js). Without JavaScript each service's page shows
// its full times instead.
const holder = document.querySelector('[data-hours-script]');
const { parseHours, status, describe, dates, show, pageNow, words, say } = await import(holder.dataset.hoursScript);

/** Each service's line: on its page, and under each card of a list. */
function update() {
  const now = pageNow();
  if (!now) return;
  const holiday = dates(document.querySelector('[data-time-zone]').dataset.bankHolidays).has(now.date);
  for (const item of document.querySelectorAll('.service-card[data-hours], p.open-status[data-hours]')) {
    let line = item.matches('p') ? item : item.querySelector('.open-status');
    if (!line) {
      line = Object.assign(document.createElement('p'), { className: 'open-status' });
      item.querySelector('.facts').after(line);
    }
    const said = describe(status(parseHours(item.dataset.hours), now));
    show(line, holiday ? say(words.time.bank_holiday, { status: said }) : said);
  }
}

update();
setInterval(update, 60000);
document.addEventListener('signpost:cards', update);
