// The quick exit: the "Exit this page" link, or Shift pressed three times within 5 seconds,
// hides the page at once and replaces it with a neutral site, so Back does not return here.
const link = document.querySelector('.quick-exit');
const status = document.getElementById('quick-exit-status');

if (link) {
  const leave = (event) => {
    event?.preventDefault();
    document.documentElement.classList.add('exiting');
    document.title = 'Leaving';
    window.location.replace(link.href);
  };
  link.addEventListener('click', leave);

  const WINDOW_MS = 5000;
  let presses = [];
  let shiftDown = false;
  let withOtherKey = false;
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Shift') {
      if (!event.repeat) [shiftDown, withOtherKey] = [true, false];
    } else {
      // Shift used with another key (a capital letter, say) is typing, not a quick exit.
      withOtherKey = shiftDown;
      presses = [];
    }
  });
  document.addEventListener('keyup', (event) => {
    if (event.key !== 'Shift') return;
    shiftDown = false;
    if (withOtherKey) return;
    const now = Date.now();
    presses = [...presses.filter((at) => now - at < WINDOW_MS), now];
    if (status) status.textContent = presses.length < 3 ? `Shift pressed ${presses.length} of 3 times to leave this page.` : 'Leaving this page.';
    if (presses.length >= 3) leave();
  });
}
