// Leaderboard rows as members read them: by member (score and time used) or by association and
// district (average of members' best scores, participants and participation rate).

const time = require('../../../utils/time');

const BOARDS = [
  {by: 'member', label: '个人'},
  {by: 'association', label: '协会'},
  {by: 'district', label: '区县'},
];

/** "62.5%", or "—" when the group has no registered members. */
function rate(value) {
  if (value === null || value === undefined) return '—';
  return `${Math.round(value * 1000) / 10}%`;
}

/** "85.5" with at most one decimal. */
function average(value) {
  return String(Math.round((value || 0) * 10) / 10);
}

/** A row for display: {rank, name, score, unit, detail}. */
function row(by, item) {
  if (by === 'member') {
    return {rank: item.rank, name: item.name || '我', score: String(item.score), unit: '分', detail: `用时 ${time.duration(item.time_used_ms)}`};
  }
  return {
    rank: item.rank,
    name: item.name,
    score: average(item.average),
    unit: '分',
    detail: `平均分 · ${item.participants} 人参与 · 参与率 ${rate(item.participation_rate)}`,
  };
}

/** My pinned row (the member board's has no name), or null. */
function mine(by, me) {
  if (!me) return null;
  return row(by, by === 'member' ? Object.assign({}, me, {name: '我'}) : me);
}

/** What the pinned row says when I have no place on this board. */
function noPlace(by) {
  if (by === 'member') return '您还没有本竞赛的成绩，答题交卷后即可上榜';
  if (by === 'association') return '您所在的协会还没有成绩（尚未选择协会的，请先到“我的”中选择）';
  return '您所在的区县还没有成绩';
}

module.exports = {BOARDS, rate, average, row, mine, noPlace};
