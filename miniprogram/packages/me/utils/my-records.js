// My check-ins and competition results as the 我的 pages show them.

const time = require('../../../utils/time');

const FINISH_REASONS = {
  submitted: '主动交卷',
  expired: '到时自动交卷',
  left_app: '切出次数超限自动交卷',
};

/** A distance as people say it: "35 米", "1.2 公里" (the server's own wording). */
function distanceText(metres) {
  if (metres === null || metres === undefined) return '';
  if (metres < 1000) return `${metres} 米`;
  return `${(metres / 1000).toFixed(1).replace(/\.0$/, '')} 公里`;
}

/** One check-in row (GET /me/checkins item). */
function checkinRow(item) {
  return {
    id: item.id,
    siteId: item.site.id,
    name: item.site.name,
    type: item.site.type_label,
    district: item.site.district_name,
    date: time.date(item.day),
    distance: item.distance_m === null || item.distance_m === undefined ? '未定位' : `距阵地 ${distanceText(item.distance_m)}`,
  };
}

/** The by_type counts worth showing: the kinds of site I have checked in at. */
function visitedTypes(byType) {
  return (byType || []).filter((row) => row.checkins > 0);
}

/** One finished attempt row (GET /me/attempts item); nowYear leaves out this year. */
function attemptRow(item, nowYear) {
  return {
    id: item.attempt_id,
    title: item.competition_title,
    number: `第 ${item.number} 次`,
    score: item.score,
    maxScore: item.max_score,
    correct: `答对 ${item.correct_count}/${item.question_count} 题`,
    timeUsed: `用时 ${time.duration(item.time_used_ms)}`,
    finishedAt: time.dateTime(item.finished_at, nowYear),
    reason: FINISH_REASONS[item.finish_reason] || '已交卷',
    best: Boolean(item.is_best),
  };
}

module.exports = {FINISH_REASONS, distanceText, checkinRow, visitedTypes, attemptRow};
