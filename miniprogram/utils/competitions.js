// Competitions as members see them: lists grouped open first (ending soonest first), then
// upcoming (starting soonest first), then closed (most recent first); cards, rules and actions.

const serverClock = require('./server-clock');
const time = require('./time');

const STATUS_LABELS = {open: '进行中', upcoming: '未开始', closed: '已结束'};
const ORDER = ['open', 'upcoming', 'closed'];

function byTime(status) {
  if (status === 'open') return (a, b) => Date.parse(a.ends_at) - Date.parse(b.ends_at);
  if (status === 'upcoming') return (a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at);
  return (a, b) => Date.parse(b.ends_at) - Date.parse(a.ends_at);
}

/** [{status, label, items}] in the order members expect, leaving out empty groups. */
function group(competitions) {
  return ORDER.map((status) => ({
    status,
    label: STATUS_LABELS[status],
    items: competitions.filter((item) => item.status === status).sort(byTime(status)),
  })).filter((section) => section.items.length);
}

/** What the main button of a competition says, or '' when there is nothing to do. */
function action(competition) {
  if (competition.status !== 'open' || competition.eligible === false) return '';
  if (competition.attempt_in_progress) return '继续答题';
  if (competition.attempts_used >= competition.attempts_allowed) return '';
  return competition.attempts_used ? '再答一次' : '开始答题';
}

/** "已答 1/3 次" */
function attemptsLabel(competition) {
  return `已答 ${competition.attempts_used || 0}/${competition.attempts_allowed} 次`;
}

function currentYear() {
  return time.beijing(serverClock.now()).year;
}

/** "12月8日 09:00 – 12月20日 18:00" in Beijing time (years shown only when not this year). */
function windowLabel(competition) {
  const thisYear = currentYear();
  return `${time.dateTime(competition.starts_at, thisYear)} – ${time.dateTime(competition.ends_at, thisYear)}`;
}

/** How many more attempts the member may start. */
function attemptsLeft(competition) {
  return Math.max(0, competition.attempts_allowed - (competition.attempts_used || 0));
}

/** "85 分", or "暂无" before a first finished attempt. */
function bestLabel(competition) {
  return competition.best_score === null || competition.best_score === undefined ? '暂无' : `${competition.best_score} 分`;
}

/** "10 分钟" (or "1分30秒" for a limit that is not whole minutes). */
function limitLabel(seconds) {
  return seconds % 60 ? time.duration(seconds * 1000) : `${seconds / 60} 分钟`;
}

/** A list card: {id, title, status, statusLabel, window, attempts, best, action}. */
function card(competition) {
  return {
    id: competition.id,
    title: competition.title,
    status: competition.status,
    statusLabel: STATUS_LABELS[competition.status] || '',
    window: windowLabel(competition),
    attempts: attemptsLabel(competition),
    best: bestLabel(competition),
    action: action(competition),
  };
}

/** The rules of a competition (CompetitionDetail) as sentences. */
function rules(detail) {
  const lines = [
    `共 ${detail.question_count} 题，每题 ${detail.points_per_question} 分，满分 ${detail.max_score} 分`,
    `限时 ${limitLabel(detail.time_limit_seconds)}，从开始答题时计时，时间到自动交卷`,
    `每人可参加 ${detail.attempts_allowed} 次，排行榜按最好成绩计`,
    '每道题选择后立即保存，网络中断也不会丢失',
  ];
  if (detail.max_leaves !== null && detail.max_leaves !== undefined) {
    lines.push(`答题期间切出小程序超过 ${detail.max_leaves} 次将自动交卷`);
  }
  return lines;
}

/** Why the member cannot start now ('' when they can). */
function blocker(competition) {
  if (competition.status === 'upcoming') return `竞赛将于 ${time.dateTime(competition.starts_at, currentYear())} 开始`;
  if (competition.status === 'closed') return '竞赛已结束，可以查看排行榜';
  if (competition.eligible === false) return '本竞赛仅限指定区县或协会的会员参加';
  if (!action(competition)) return '您的参赛次数已用完';
  return '';
}

module.exports = {STATUS_LABELS, group, action, attemptsLabel, windowLabel, attemptsLeft, bestLabel, limitLabel, card, rules, blocker};
