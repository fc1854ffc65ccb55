const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fxm = require('../../helpers/fixtures-me');

let wx;
let api;

beforeEach(() => {
  wx = installWx({disk: new Map([['session.token', 'token-42'], ['session.member', fx.member()]])});
  api = fakeApi(wx).member(fx.member());
});

afterEach(() => closePages());

describe('我的打卡', () => {
  test('shows sites visited, counts by kind of site and each check-in', async () => {
    api.on('GET', '/me/checkins', [200, fxm.footprint([
      fxm.checkin(3, {day: '2026-11-21', distance_m: 1250, site: {id: 8, name: '黄岩区清廉大厅', type: 'hall', type_label: '清廉大厅', district: '331003', district_name: '黄岩区'}}),
      fxm.checkin(2),
      fxm.checkin(1, {day: '2026-11-18', distance_m: null}),
    ])]);

    const page = await openPage('packages/me/checkins/index');

    expect(text(page.querySelector('#summary'))).toMatch(/^2到访阵地3打卡次数/);
    expect(text(page.querySelector('#type-hall'))).toBe('清廉大厅 · 1 处 1 次');
    expect(text(page.querySelector('#type-corridor'))).toBe('清廉文化长廊 · 1 处 2 次');
    expect(page.querySelector('#type-micro_landmark')).toBeUndefined();
    expect(text(page.querySelector('#checkin-3'))).toBe('黄岩区清廉大厅清廉大厅 · 黄岩区2026年11月21日（周六）距阵地 1.3 公里');
    expect(text(page.querySelector('#checkin-2'))).toContain('距阵地 35 米');
    expect(text(page.querySelector('#checkin-1'))).toContain('未定位');
    expect(text(page)).toContain('共 3 次打卡');
  });

  test('tapping a check-in opens its site', async () => {
    api.on('GET', '/me/checkins', [200, fxm.footprint([fxm.checkin(2)])]);
    const page = await openPage('packages/me/checkins/index');

    page.querySelector('#checkin-2').dispatchEvent('tap');
    await settle();

    expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/sites/detail/index?id=5'});
  });

  test('loads further pages at the bottom', async () => {
    const all = Array.from({length: 25}, (_, i) => fxm.checkin(25 - i));
    api.on('GET', '/me/checkins', ({query}) => {
      const page = Number(query.page);
      return [200, fxm.footprint(all.slice((page - 1) * 20, page * 20), {page, total: 25})];
    });
    const page = await openPage('packages/me/checkins/index');
    expect(page.data.rows).toHaveLength(20);

    await page.instance.onReachBottom();
    await settle();

    expect(api.sent('GET', '/me/checkins').map((call) => call.query.page)).toEqual(['1', '2']);
    expect(page.data.rows).toHaveLength(25);
    expect(page.querySelector('#more')).toBeUndefined();
    await page.instance.onReachBottom();
    expect(api.sent('GET', '/me/checkins')).toHaveLength(2);
  });

  test('no check-ins yet: says how to check in and leads to the map', async () => {
    api.on('GET', '/me/checkins', [200, fxm.footprint([], {sites_visited: 0, by_type: []})]);
    const page = await openPage('packages/me/checkins/index');

    expect(text(page.querySelector('#empty'))).toContain('还没有打卡记录');
    page.instance.goMap();
    expect(wx.switchTab).toHaveBeenCalledWith({url: '/pages/map/index'});
  });

  test('a failed load says why and retries', async () => {
    let down = true;
    api.on('GET', '/me/checkins', () => (down ? error(500, 'internal_error', '服务器开小差了，请稍后重试') : [200, fxm.footprint([fxm.checkin(2)])]));
    const page = await openPage('packages/me/checkins/index');
    expect(text(page.querySelector('#error'))).toContain('服务器开小差了，请稍后重试');

    down = false;
    await page.instance.reload();
    await settle();
    expect(page.querySelector('#checkin-2')).toBeDefined();
  });
});

describe('我的成绩', () => {
  test('shows each finished attempt with score, count, time, reason and the best one marked', async () => {
    api.on('GET', '/me/attempts', [200, fx.page([
      fxm.attempt(12, {number: 2, score: 90, correct_count: 18, time_used_ms: 245000, is_best: true, finished_at: '2026-11-22T01:05:00+00:00'}),
      fxm.attempt(11, {finish_reason: 'left_app', score: 40, correct_count: 8}),
      fxm.attempt(9, {competition_title: '2025年清廉知识竞赛', finish_reason: 'expired', finished_at: '2025-06-01T08:00:00+00:00'}),
    ])]);

    const page = await openPage('packages/me/results/index');

    const best = text(page.querySelector('#attempt-12'));
    expect(best).toContain('2026年台州市清廉知识竞赛');
    expect(best).toContain('最好成绩');
    expect(best).toContain('90 / 100 分');
    expect(best).toContain('第 2 次 · 答对 18/20 题');
    expect(best).toContain('用时 4分05秒');
    expect(best).toContain('11月22日 09:05 · 主动交卷');
    expect(text(page.querySelector('#attempt-11'))).toContain('切出次数超限自动交卷');
    expect(text(page.querySelector('#attempt-11'))).not.toContain('最好成绩');
    expect(text(page.querySelector('#attempt-9'))).toContain('2025年6月1日 16:00 · 到时自动交卷');
  });

  test('tapping an attempt opens its result', async () => {
    api.on('GET', '/me/attempts', [200, fx.page([fxm.attempt(12)])]);
    const page = await openPage('packages/me/results/index');

    page.querySelector('#attempt-12').dispatchEvent('tap');
    await settle();

    expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/quiz/result/index?attempt=12'});
  });

  test('loads the next page with 加载更多', async () => {
    api.on('GET', '/me/attempts', ({query}) =>
      query.page === '1'
        ? [200, fx.page(Array.from({length: 20}, (_, i) => fxm.attempt(40 - i)), {total: 21})]
        : [200, fx.page([fxm.attempt(1)], {page: 2, total: 21})],
    );
    const page = await openPage('packages/me/results/index');

    page.querySelector('#more').dispatchEvent('tap');
    await settle();

    expect(page.data.rows.map((row) => row.id).slice(-2)).toEqual([21, 1]);
    expect(page.querySelector('#more')).toBeUndefined();
  });

  test('no results yet: an invitation to the competitions', async () => {
    api.on('GET', '/me/attempts', [200, fx.page([])]);
    const page = await openPage('packages/me/results/index');

    expect(text(page.querySelector('#empty'))).toContain('还没有竞赛成绩');
    page.instance.goContests();
    expect(wx.switchTab).toHaveBeenCalledWith({url: '/pages/contests/index'});
  });
});

describe('隐私说明', () => {
  test("lists what the server keeps, with my counts, and what it does not", async () => {
    api.on('GET', '/me/data', [200, fxm.myData(fx.member())]);

    const page = await openPage('packages/me/privacy/index');

    const stored = text(page.querySelector('#stored'));
    expect(stored).toContain('王会员');
    expect(stored).toContain('台州市椒江区建筑业协会');
    expect(stored).toContain('2026年11月1日（周日）首次登录');
    expect(stored).toContain('4 份答卷');
    expect(stored).toContain('参加 1 场竞赛');
    expect(stored).toContain('6 道题');
    expect(stored).toContain('3 次，含阵地、打卡时间和您与阵地的距离');
    expect(stored).toContain('1 件，含您填写的姓名、手机号和反映内容');
    expect(stored).toContain('还可接收 2 条');
    expect(stored).toContain('1 个待发送');
    const notStored = text(page.querySelector('#not-stored'));
    expect(notStored).toContain('只保存在您的手机上，从不上传');
    expect(notStored).toContain('与您没有任何关联');
    expect(notStored).toContain('只保存这个距离，不保存您的位置');
    expect(notStored).toContain('不读取您微信绑定的手机号');
  });

  test('a member without nickname or association reads 未设置 and 未选择', async () => {
    api.on('GET', '/me/data', [200, fxm.myData(fx.member({nickname: null, association: null}), {named_reports: 0})]);

    const page = await openPage('packages/me/privacy/index');

    expect(text(page.querySelector('#stored'))).toContain('昵称未设置');
    expect(text(page.querySelector('#stored'))).toContain('所属协会未选择');
  });

  test('opens the privacy contract', async () => {
    api.on('GET', '/me/data', [200, fxm.myData(fx.member())]);
    const page = await openPage('packages/me/privacy/index');

    page.querySelector('#contract').dispatchEvent('tap');
    await settle();

    expect(wx.openPrivacyContract).toHaveBeenCalledTimes(1);
  });

  test('logged out: explains without asking the server or logging in', async () => {
    wx.removeStorageSync('session.token');

    const page = await openPage('packages/me/privacy/index');

    expect(text(page.querySelector('#logged-out'))).toContain('您尚未登录');
    expect(text(page)).toContain('不会保存的信息');
    expect(api.calls).toHaveLength(0);
    expect(wx.login).not.toHaveBeenCalled();
  });

  test('a failed load shows a retry and still the promises', async () => {
    api.on('GET', '/me/data', error(503, 'unavailable', '服务暂时不可用，请稍后重试'));

    const page = await openPage('packages/me/privacy/index');

    expect(text(page.querySelector('#error'))).toContain('服务暂时不可用，请稍后重试');
    expect(text(page.querySelector('#not-stored'))).toContain('头像');
  });
});
