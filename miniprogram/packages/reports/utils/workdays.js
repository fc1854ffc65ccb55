// Deadlines in working days (工作日), as Chinese reporting channels word them. The server counts
// the days with China's holiday calendar and sends the due dates; this module only words them.

const time = require('../../../utils/time');

// The server's defaults (REPORT_ACCEPT_WORKDAYS, REPORT_RESOLVE_WORKDAYS), used until the API
// states its own numbers in the notice's limits (accept_workdays, resolve_workdays).
const DEFAULTS = {accept: 15, resolve: 60};

/** The working-day counts, from the notice's limits when it gives them. */
function counts(limits) {
  const given = limits || {};
  return {
    accept: given.accept_workdays || DEFAULTS.accept,
    resolve: given.resolve_workdays || DEFAULTS.resolve,
  };
}

/** "15 个工作日内受理". */
function within(days, action) {
  return `${days} 个工作日内${action}`;
}

/** Today's date in Beijing as "YYYY-MM-DD", from a millisecond timestamp (the server's clock). */
function today(nowMs) {
  const t = time.beijing(nowMs);
  const pad = (value) => String(value).padStart(2, '0');
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** True when the due date ("YYYY-MM-DD") is already behind today. */
function overdue(dueOn, todayOn) {
  return Boolean(dueOn && todayOn && todayOn > dueOn);
}

/** "2026年12月29日（周二）前受理", or that the date has passed. */
function dueLine(dueOn, todayOn, action) {
  if (!dueOn) return '';
  const when = time.date(dueOn);
  if (overdue(dueOn, todayOn)) return `应于${when}前${action}（已超过期限）`;
  return `应于${when}前${action}`;
}

module.exports = {DEFAULTS, counts, within, today, overdue, dueLine};
