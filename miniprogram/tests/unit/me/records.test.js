const account = require('../../../utils/account');
const records = require('../../../packages/me/utils/my-records');
const fxm = require('../../helpers/fixtures-me');

describe('account', () => {
  test('logging out forgets the avatar and every quiz key, nothing else', () => {
    const keys = ['session.token', 'me.avatar', 'quiz.queue.3', 'quiz.leaves.3', 'quizzical', 'reports.draft', 'xquiz.a'];
    expect(account.keysToForget(keys)).toEqual(['me.avatar', 'quiz.queue.3', 'quiz.leaves.3']);
  });

  test('only templates answered "accept" count as consent', () => {
    const result = {errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'ban', d: 'filter'};
    expect(account.acceptedTemplates(result, ['a', 'b', 'c', 'd', 'e'])).toEqual(['a']);
    expect(account.acceptedTemplates(undefined, ['a'])).toEqual([]);
  });

  test('report credits add up over report-status templates, and follow confirmed counts', () => {
    const offered = [
      {kind: 'report_status', template_id: 'a', credits: 2},
      {kind: 'report_status', template_id: 'b', credits: 0},
      {kind: 'competition_open', template_id: 'c', credits: 5},
    ];
    expect(account.reportCredits(offered)).toBe(2);
    const updated = account.withCredits(offered, [{template_id: 'b', credits: 1}]);
    expect(updated.map((item) => item.credits)).toEqual([2, 1, 5]);
    expect(account.reportCredits(updated)).toBe(3);
    expect(offered[1].credits).toBe(0);
  });
});

describe('my records', () => {
  test('distances read like the server says them', () => {
    expect(records.distanceText(0)).toBe('0 米');
    expect(records.distanceText(999)).toBe('999 米');
    expect(records.distanceText(1000)).toBe('1 公里');
    expect(records.distanceText(3240)).toBe('3.2 公里');
    expect(records.distanceText(null)).toBe('');
  });

  test('a check-in row names the site, the Beijing date and the distance', () => {
    expect(records.checkinRow(fxm.checkin(4))).toEqual({
      id: 4,
      siteId: 5,
      name: '椒江区清廉文化长廊',
      type: '清廉文化长廊',
      district: '椒江区',
      date: '2026年11月20日（周五）',
      distance: '距阵地 35 米',
    });
    expect(records.checkinRow(fxm.checkin(4, {distance_m: null})).distance).toBe('未定位');
  });

  test('only kinds of site with check-ins are shown', () => {
    expect(records.visitedTypes(fxm.footprint([]).by_type).map((row) => row.type)).toEqual(['hall', 'corridor']);
    expect(records.visitedTypes(undefined)).toEqual([]);
  });

  test('an attempt row in words, in Beijing time, with the year only when it is not this year', () => {
    const row = records.attemptRow(fxm.attempt(7, {finished_at: '2026-12-31T16:30:00+00:00', is_best: true}), 2027);
    expect(row).toEqual({
      id: 7,
      title: '2026年台州市清廉知识竞赛',
      number: '第 1 次',
      score: 85,
      maxScore: 100,
      correct: '答对 17/20 题',
      timeUsed: '用时 3分05秒',
      finishedAt: '1月1日 00:30',
      reason: '主动交卷',
      best: true,
    });
    expect(records.attemptRow(fxm.attempt(7), 2027).finishedAt).toBe('2026年11月21日 14:30');
    expect(records.attemptRow(fxm.attempt(7, {finish_reason: 'expired'})).reason).toBe('到时自动交卷');
    expect(records.attemptRow(fxm.attempt(7, {finish_reason: 'left_app'})).reason).toBe('切出次数超限自动交卷');
  });
});
