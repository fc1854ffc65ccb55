// Competition lists as members see them: open first (ending soonest first), then upcoming
// (starting soonest first), then closed (most recent first), each with its label.

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

module.exports = {STATUS_LABELS, group, action, attemptsLabel};
