// Time as members read it: Beijing time (UTC+8, no daylight saving), whatever the phone's zone,
// and countdowns measured on the server's clock rather than the phone's.

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** Milliseconds to add to the phone's clock to get the server's (from a response's `now`). */
function clockOffset(serverNowIso, phoneNowMs) {
  const server = Date.parse(serverNowIso);
  return Number.isNaN(server) ? 0 : server - phoneNowMs;
}

/** Milliseconds left until deadline on the server's clock (never negative). */
function remainingMs(deadlineIso, offsetMs, phoneNowMs) {
  const left = Date.parse(deadlineIso) - (phoneNowMs + offsetMs);
  return Number.isNaN(left) ? 0 : Math.max(0, left);
}

function pad(value) {
  return String(value).padStart(2, '0');
}

function beijing(iso) {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/** "12月8日 09:30" (with the year when it is not nowYear). */
function dateTime(iso, nowYear) {
  const t = beijing(iso);
  if (!t) return '';
  const year = nowYear && t.year !== nowYear ? `${t.year}年` : '';
  return `${year}${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}`;
}

/** "2026年12月8日（周二）" for a date "2026-12-08" or a timestamp. */
function date(value) {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value || '') ? beijing(`${value}T00:00:00+08:00`) : beijing(value);
  if (!t) return '';
  return `${t.year}年${t.month}月${t.day}日（周${WEEKDAYS[t.weekday]}）`;
}

/** A countdown as "mm:ss", or "h:mm:ss" from an hour up. */
function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

/** A long wait in words: "3天4小时", "5小时12分", "8分钟", "不到1分钟". */
function span(ms) {
  const minutes = Math.floor(Math.max(0, ms) / 60000);
  if (minutes < 1) return '不到1分钟';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days) return hours ? `${days}天${hours}小时` : `${days}天`;
  if (hours) return `${hours}小时${minutes % 60}分`;
  return `${minutes}分钟`;
}

/** Time used as "3分05秒" (or "45秒"). */
function duration(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  return minutes ? `${minutes}分${pad(total % 60)}秒` : `${total}秒`;
}

module.exports = {clockOffset, remainingMs, dateTime, date, clock, span, duration, beijing};
