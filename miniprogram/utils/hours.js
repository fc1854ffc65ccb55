// Opening hours as the API gives them ({weekly: 7 days Monday first, each a list of {opens, closes}
// "HH:MM" in Beijing time; closed_dates "YYYY-MM-DD"; note}) in plain Chinese:
// "周一至周五 09:00–17:00", "周六、周日 休息", "每天 全天开放".

const time = require('./time');

const DAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
// How many upcoming closed dates to list before "等 N 天".
const CLOSED_SHOWN = 5;

/** One day's periods: "09:00–11:30、14:00–17:00", "全天开放" or "休息". */
function periodsText(periods) {
  if (!periods || !periods.length) return '休息';
  if (periods.length === 1 && periods[0].opens === '00:00' && periods[0].closes === '24:00') return '全天开放';
  return periods.map((period) => `${period.opens}–${period.closes}`).join('、');
}

/** Days first..last (Monday = 0) as "周三", "周六、周日" or "周一至周五". */
function daysText(first, last) {
  if (first === last) return DAYS[first];
  if (last === first + 1) return `${DAYS[first]}、${DAYS[last]}`;
  return `${DAYS[first]}至${DAYS[last]}`;
}

/** The week as lines {days, text}, running days with the same hours joined ("每天" for all seven). */
function weeklyLines(weekly) {
  if (!Array.isArray(weekly) || weekly.length !== 7) return [];
  const texts = weekly.map(periodsText);
  const lines = [];
  let first = 0;
  for (let day = 1; day <= 7; day += 1) {
    if (day === 7 || texts[day] !== texts[first]) {
      lines.push({days: first === 0 && day === 7 ? '每天' : daysText(first, day - 1), text: texts[first]});
      first = day;
    }
  }
  return lines;
}

/** Today's date in Beijing as "YYYY-MM-DD", and its weekday with Monday = 0. */
function beijingDay(nowMs) {
  const t = time.beijing(nowMs);
  const pad = (value) => String(value).padStart(2, '0');
  return {iso: `${t.year}-${pad(t.month)}-${pad(t.day)}`, weekday: (t.weekday + 6) % 7};
}

/** "12月25日" for "2026-12-25". */
function shortDate(iso) {
  const [, month, day] = iso.split('-').map(Number);
  return `${month}月${day}日`;
}

/** The closed dates from today on, as "1月1日、2月17日" (with "等 N 天" past a few); '' when none. */
function closedText(closedDates, todayIso) {
  const upcoming = (closedDates || []).filter((iso) => iso >= todayIso).sort();
  if (!upcoming.length) return '';
  const shown = upcoming.slice(0, CLOSED_SHOWN).map(shortDate).join('、');
  return upcoming.length > CLOSED_SHOWN ? `${shown} 等 ${upcoming.length} 天` : shown;
}

/** Today's hours: "今日 09:00–17:00", "今日休息", "今日闭馆" (a closed date); '' when unknown. */
function todayText(hours, nowMs) {
  if (!hours || !Array.isArray(hours.weekly) || hours.weekly.length !== 7) return '';
  const today = beijingDay(nowMs);
  if ((hours.closed_dates || []).includes(today.iso)) return '今日闭馆';
  const text = periodsText(hours.weekly[today.weekday]);
  return text === '休息' ? '今日休息' : `今日 ${text}`;
}

/** Everything the detail page says about hours, or null when the site has none on record. */
function summary(hours, nowMs) {
  if (!hours || !Array.isArray(hours.weekly) || hours.weekly.length !== 7) return null;
  return {
    lines: weeklyLines(hours.weekly),
    closed: closedText(hours.closed_dates, beijingDay(nowMs).iso),
    note: hours.note || '',
    today: todayText(hours, nowMs),
  };
}

/** The API's open_now as a tag {text, theme}, or null when the hours are unknown. */
function openState(openNow) {
  if (openNow === true) return {text: '开放中', theme: 'success'};
  if (openNow === false) return {text: '未开放', theme: 'default'};
  return null;
}

module.exports = {periodsText, daysText, weeklyLines, closedText, todayText, summary, openState};
