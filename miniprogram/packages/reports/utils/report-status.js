// Where a report stands, as a reporter reads it: status labels, the stages with their deadlines,
// the pointer of a merged report, and ratings. Mirrors backend/app/reports/statuses.py.

const time = require('../../../utils/time');
const workdays = require('./workdays');

const LABELS = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已销号',
  rejected: '不予受理',
  transferred: '已转办',
  merged: '已合并',
};

// tdesign tag themes.
const TONES = {
  submitted: 'default',
  accepted: 'primary',
  in_progress: 'warning',
  resolved: 'success',
  closed: 'success',
  rejected: 'danger',
  transferred: 'default',
  merged: 'default',
};

// Nothing moves on from these, and no one can write to the report any more.
const FINISHED = ['closed', 'rejected', 'transferred', 'merged'];

const RATINGS = [
  {value: 'satisfied', label: '满意'},
  {value: 'basically_satisfied', label: '基本满意'},
  {value: 'dissatisfied', label: '不满意'},
];

const REASON_MIN = 2;
const REASON_MAX = 500;

/** The label of a status (the server's status_label when given). */
function label(report) {
  return (report && report.status_label) || LABELS[report && report.status] || '';
}

/** The tag theme for a status. */
function tone(status) {
  return TONES[status] || 'default';
}

/** True when the reporter can still write to the report. */
function isOpen(report) {
  return Boolean(report) && !FINISHED.includes(report.status) && !report.purged;
}

/** The public id of the report a merged report joined (the API's merged_into), or null. */
function mergedInto(report) {
  if (!report || report.status !== 'merged') return null;
  return report.merged_into || null;
}

/** The Chinese word for a rating code. */
function ratingLabel(code) {
  const found = RATINGS.find((rating) => rating.value === code);
  return found ? found.label : '';
}

/** '' when the rating can be sent, else what is missing (不满意 needs a reason). */
function checkRating(rating, reason) {
  const text = (reason || '').trim();
  const length = Array.from(text).length;
  if (!ratingLabel(rating)) return '请选择您的评价';
  if (rating === 'dissatisfied' && !text) return '请说明不满意的原因';
  if (text && length < REASON_MIN) return `原因至少写 ${REASON_MIN} 个字`;
  if (length > REASON_MAX) return `原因最多 ${REASON_MAX} 个字`;
  return '';
}

function step(key, title, state, extra) {
  return Object.assign({key, title, state, note: '', due: '', late: false, extension: ''}, extra);
}

/**
 * The stages of a report for the timeline: each {key, title, state, note, due, late, extension},
 * state 'done' | 'current' | 'todo' | 'stopped' (a branch that ends the report).
 * todayOn: Beijing's date "YYYY-MM-DD"; limits: the notice's limits (working-day counts).
 */
function timeline(report, todayOn, limits) {
  const days = workdays.counts(limits);
  const status = report.status;
  const submitted = step('submitted', '提交', 'done', {note: time.date(report.submitted_on)});
  const acceptedNote = report.accepted_on ? time.date(report.accepted_on) : '';
  const extension = report.extension_reason ? `期限已延长：${report.extension_reason}` : '';
  const pending = (key, title, dueOn, action, note) =>
    step(key, title, 'current', {
      note,
      due: workdays.dueLine(dueOn, todayOn, action),
      late: workdays.overdue(dueOn, todayOn),
      extension,
    });

  if (status === 'rejected') {
    return [submitted, step('rejected', '不予受理', 'stopped', {note: '理由请看下方的办理记录'})];
  }
  if (status === 'merged') {
    const target = mergedInto(report);
    const note = target ? `与问题 ${target} 反映的问题相同，已合并办理` : '与相同的问题合并办理';
    return [submitted, step('merged', '已合并', 'stopped', {note})];
  }
  if (status === 'transferred') {
    const where = report.transferred_to ? `已转交${report.transferred_to}办理` : '已转交有关部门办理';
    return [
      submitted,
      step('accepted', '受理', 'done', {note: acceptedNote}),
      step('transferred', '已转办', 'stopped', {note: `${where}，详情请看下方的办理记录`}),
    ];
  }

  const order = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed'];
  const reached = Math.max(0, order.indexOf(status));
  const accept =
    reached === 0
      ? pending('accepted', '受理', report.accept_due_on, '决定是否受理', `提交后 ${workdays.within(days.accept, '决定是否受理')}`)
      : step('accepted', '受理', 'done', {note: acceptedNote});
  let handle = step('in_progress', '办理', reached > 2 ? 'done' : 'todo');
  if (reached === 1 || reached === 2) {
    const note = report.reopened ? '根据您的评价重新办理' : `提交后 ${workdays.within(days.resolve, '办结')}`;
    handle = pending('in_progress', '办理', report.resolve_due_on, '办结', note);
  }
  const resolvedOn = report.resolved_on ? `${time.date(report.resolved_on)}，` : '';
  const resolved = step('resolved', '办结', reached >= 3 ? 'done' : 'todo', {
    note: reached >= 3 ? `${resolvedOn}办理结果请看下方的办理记录` : '',
  });
  let rate = step('rated', '评价', 'todo');
  if (report.rating) rate = step('rated', '评价', 'done', {note: `您的评价：${ratingLabel(report.rating)}`});
  else if (report.can_rate) rate = step('rated', '评价', 'current', {note: '请对办理结果作出评价'});
  let closed = step('closed', '销号', reached === 4 ? 'done' : 'todo');
  if (reached === 3 && report.rating) closed = step('closed', '销号', 'current', {note: '等待工作人员确认销号'});
  // A report closed without a rating skips that stage rather than leaving it open forever.
  const rated = reached === 4 && !report.rating ? [] : [rate];
  return [submitted, accept, handle, resolved].concat(rated, [closed]);
}

module.exports = {LABELS, TONES, FINISHED, RATINGS, REASON_MAX, label, tone, isOpen, mergedInto, ratingLabel, checkRating, timeline};
