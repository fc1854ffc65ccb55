const status = require('../../../packages/reports/utils/report-status');
const workdays = require('../../../packages/reports/utils/workdays');
const errorsOf = require('../../../packages/reports/utils/report-errors');
const fx = require('../../helpers/fixtures-reports');

const TODAY = '2026-12-10';
const byKey = (steps) => Object.fromEntries(steps.map((step) => [step.key, step]));

describe('working days', () => {
  test('words deadlines as reporting channels do, in Beijing dates', () => {
    expect(workdays.within(15, '受理')).toBe('15 个工作日内受理');
    expect(workdays.dueLine('2026-12-29', TODAY, '受理')).toBe('应于2026年12月29日（周二）前受理');
    expect(workdays.dueLine('2026-12-09', TODAY, '受理')).toBe('应于2026年12月9日（周三）前受理（已超过期限）');
  });

  test("today is Beijing's date, whatever the phone's zone", () => {
    expect(workdays.today(Date.parse('2026-12-10T16:30:00Z'))).toBe('2026-12-11');
    expect(workdays.today(Date.parse('2026-12-10T15:59:00Z'))).toBe('2026-12-10');
  });

  test("uses the API's counts when the notice gives them", () => {
    expect(workdays.counts(fx.notice().limits)).toEqual({accept: 15, resolve: 60});
    expect(workdays.counts({accept_workdays: 10, resolve_workdays: 30})).toEqual({accept: 10, resolve: 30});
  });
});

describe('timeline', () => {
  test('a new report waits for acceptance, with its deadline', () => {
    const steps = byKey(status.timeline(fx.status(), TODAY));
    expect(steps.submitted).toMatchObject({state: 'done', note: '2026年12月8日（周二）'});
    expect(steps.accepted).toMatchObject({
      state: 'current',
      note: '提交后 15 个工作日内决定是否受理',
      due: '应于2026年12月29日（周二）前决定是否受理',
      late: false,
    });
    expect(steps.in_progress.state).toBe('todo');
    expect(Object.keys(steps)).toEqual(['submitted', 'accepted', 'in_progress', 'resolved', 'rated', 'closed']);
  });

  test('in progress: the resolve deadline, an extension and a passed deadline', () => {
    const report = fx.status({status: 'in_progress', resolve_due_on: '2026-12-09', extension_reason: '需要调取财务账目'});
    const steps = byKey(status.timeline(report, TODAY));
    expect(steps.accepted.state).toBe('done');
    expect(steps.in_progress).toMatchObject({state: 'current', late: true, extension: '期限已延长：需要调取财务账目'});
    expect(steps.in_progress.due).toContain('已超过期限');
  });

  test('resolved: the reporter is asked to rate; after rating, closing waits', () => {
    const asked = byKey(status.timeline(fx.status({status: 'resolved', can_rate: true}), TODAY));
    expect(asked.resolved.state).toBe('done');
    expect(asked.rated).toMatchObject({state: 'current', note: '请对办理结果作出评价'});
    const done = byKey(status.timeline(fx.status({status: 'resolved', resolved_on: '2026-12-20', can_rate: true}), TODAY));
    expect(done.resolved.note).toBe('2026年12月20日（周日），办理结果请看下方的办理记录');
    const rated = byKey(status.timeline(fx.status({status: 'resolved', rating: 'basically_satisfied'}), TODAY));
    expect(rated.rated).toMatchObject({state: 'done', note: '您的评价：基本满意'});
    expect(rated.closed.state).toBe('current');
  });

  test('a reopened report says why it is handled again', () => {
    const steps = byKey(status.timeline(fx.status({status: 'in_progress', reopened: true}), TODAY));
    expect(steps.in_progress.note).toBe('根据您的评价重新办理');
  });

  test('closed without a rating skips the rating stage', () => {
    const steps = status.timeline(fx.status({status: 'closed'}), TODAY);
    expect(steps.map((step) => step.key)).toEqual(['submitted', 'accepted', 'in_progress', 'resolved', 'closed']);
    expect(steps.every((step) => step.state === 'done')).toBe(true);
  });

  test('branches end the report: rejected, transferred, merged', () => {
    expect(status.timeline(fx.status({status: 'rejected'}), TODAY).map((s) => [s.key, s.state])).toEqual([
      ['submitted', 'done'],
      ['rejected', 'stopped'],
    ]);
    expect(status.timeline(fx.status({status: 'transferred'}), TODAY).pop()).toMatchObject({key: 'transferred', state: 'stopped'});
    const transferred = fx.status({status: 'transferred', accepted_on: '2026-12-09', transferred_to: '台州市市场监督管理局'});
    const [, accepted, away] = status.timeline(transferred, TODAY);
    expect(accepted.note).toBe('2026年12月9日（周三）');
    expect(away.note).toBe('已转交台州市市场监督管理局办理，详情请看下方的办理记录');
    const merged = fx.status({status: 'merged', merged_into: 'JB2345678ABC'});
    expect(status.timeline(merged, TODAY).pop()).toMatchObject({key: 'merged', note: '与问题 JB2345678ABC 反映的问题相同，已合并办理'});
  });
});

describe('merged pointer', () => {
  test('is the report the API says this one joined', () => {
    const report = fx.status({
      status: 'merged',
      merged_into: 'JB2345678ABC',
      messages: [fx.message({author: 'reporter', body: '补充：另一家企业 JB9999999999 也被收费'})],
    });
    expect(status.mergedInto(report)).toBe('JB2345678ABC');
  });

  test('is null for a report that is not merged, or whose target is unknown', () => {
    expect(status.mergedInto(fx.status({merged_into: 'JB2345678ABC'}))).toBeNull();
    expect(status.mergedInto(fx.status({status: 'merged'}))).toBeNull();
  });
});

test('labels, tones and whether the reporter can still write', () => {
  expect(status.label({status: 'in_progress'})).toBe('办理中');
  expect(status.label({status: 'merged', status_label: '已合并'})).toBe('已合并');
  expect(status.tone('rejected')).toBe('danger');
  expect(status.isOpen(fx.status({status: 'accepted'}))).toBe(true);
  expect(status.isOpen(fx.status({status: 'closed'}))).toBe(false);
  expect(status.isOpen(fx.status({status: 'resolved', purged: true}))).toBe(false);
});

test('rating: 不满意 needs a reason of 2 to 500 characters', () => {
  expect(status.checkRating('', '')).toBe('请选择您的评价');
  expect(status.checkRating('satisfied', '')).toBe('');
  expect(status.checkRating('dissatisfied', '  ')).toBe('请说明不满意的原因');
  expect(status.checkRating('dissatisfied', '慢')).toBe('原因至少写 2 个字');
  expect(status.checkRating('basically_satisfied', '好'.repeat(501))).toBe('原因最多 500 个字');
  expect(status.checkRating('dissatisfied', '没有退还多收的费用')).toBe('');
  expect(status.ratingLabel('dissatisfied')).toBe('不满意');
});

test('limits (429) are explained kindly; other errors keep their message', () => {
  const limited = {statusCode: 429, reason: 'receipt_lookup_limited', message: '回执码错误次数过多，请 10 分钟后再试'};
  expect(errorsOf.explain(limited)).toEqual({
    message: '回执码错误次数过多，请 10 分钟后再试',
    why: '为防止他人猜测回执码，输错次数多了需要稍等一会儿。您的问题反映不受影响。',
  });
  expect(errorsOf.explain({statusCode: 429, reason: 'new_limit', message: '太快了'}).why).toBe('操作过于频繁，请稍后再试。');
  expect(errorsOf.explain({statusCode: 404, reason: 'receipt_not_found', message: '回执码不正确'})).toEqual({message: '回执码不正确', why: ''});
});
