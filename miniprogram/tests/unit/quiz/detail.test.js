const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fq = require('../../helpers/fixtures-quiz');

const DETAIL = 'packages/quiz/detail/index';
const TEMPLATE = 'tmpl-competition-open';

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
});

afterEach(() => closePages());

function serve(detail) {
  api.on('GET', '/competitions/3', () => [200, detail]);
}

test('shows the rules, my attempts left and best score, and starts the paper', async () => {
  serve(fq.detail({max_leaves: 3}));

  const page = await openPage(DETAIL, {id: '3'});

  const shown = text(page);
  expect(shown).toContain('2026年台州市清廉知识竞赛');
  expect(shown).toContain('围绕行业协会商会清廉建设');
  expect(shown).toMatch(/竞赛时间：\d+月\d+日 \d\d:\d\d – .*（北京时间）/);
  expect(shown).toContain('10 分钟');
  expect(shown).toContain('2/3');
  expect(shown).toContain('85 分');
  expect(shown).toContain('共 20 题，每题 5 分，满分 100 分');
  expect(shown).toContain('答题期间切出小程序超过 3 次将自动交卷');
  expect(shown).toContain('再答一次');
  expect(page.querySelector('#board')).toBeTruthy();
  expect(page.querySelector('#reminder')).toBeFalsy();

  page.instance.start();
  page.instance.openBoard();
  expect(wx.navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
    '/packages/quiz/play/index?competition=3',
    '/packages/quiz/leaderboard/index?id=3',
  ]);
});

test('an attempt in progress is continued; no limit on leaves, no rule about it', async () => {
  serve(fq.detail({attempt_in_progress: 501, attempts_used: 3}));

  const page = await openPage(DETAIL, {id: '3'});

  expect(text(page)).toContain('继续答题');
  expect(text(page)).not.toContain('切出小程序');
});

test('with no attempts left the page says so instead of offering a button', async () => {
  serve(fq.detail({attempts_used: 3}));

  const page = await openPage(DETAIL, {id: '3'});

  expect(text(page.querySelector('#blocker'))).toBe('您的参赛次数已用完');
  expect(text(page)).not.toContain('再答一次');
});

describe('opening reminder', () => {
  const upcoming = () =>
    fq.detail({status: 'upcoming', starts_at: '2026-12-20T01:00:00+00:00', ends_at: '2026-12-31T10:00:00+00:00', attempts_used: 0, best_score: null, reminder_template_id: TEMPLATE});

  test('is saved only after the member accepts the template, then can be cancelled', async () => {
    serve(upcoming());
    api.on('POST', '/competitions/3/reminder', [201, {competition_id: 3, requested: true}]);
    api.on('DELETE', '/competitions/3/reminder', [204, '']);
    wx.requestSubscribeMessage.mockImplementation((options) => options.success({errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept'}));
    const page = await openPage(DETAIL, {id: '3'});
    expect(text(page.querySelector('#blocker'))).toMatch(/^竞赛将于 (2026年)?12月20日 09:00 开始$/);
    expect(page.querySelector('#board')).toBeFalsy();

    page.instance.remind();
    await settle();

    expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual([TEMPLATE]);
    expect(api.sent('POST', '/competitions/3/reminder')[0].data).toEqual({template_id: TEMPLATE});
    expect(text(page.querySelector('#reminder'))).toContain('已设置提醒');

    await page.instance.cancelReminder();
    await settle();
    expect(api.sent('DELETE', '/competitions/3/reminder')).toHaveLength(1);
    expect(text(page.querySelector('#reminder'))).toContain('开赛提醒');
  });

  test('a rejected template sends nothing', async () => {
    serve(upcoming());
    wx.requestSubscribeMessage.mockImplementation((options) => options.success({errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'reject'}));
    const page = await openPage(DETAIL, {id: '3'});

    page.instance.remind();
    await settle();

    expect(api.sent('POST', '/competitions/3/reminder')).toHaveLength(0);
    expect(wx.toasts()[0]).toContain('未设置提醒');
    expect(text(page.querySelector('#reminder'))).toContain('开赛提醒');
  });

  test('an existing reminder shows as set', async () => {
    serve(Object.assign(upcoming(), {reminder_requested: true}));

    const page = await openPage(DETAIL, {id: '3'});

    expect(text(page.querySelector('#reminder'))).toContain('已设置提醒，开赛时会通过微信通知您');
    expect(text(page.querySelector('#reminder'))).toContain('取消提醒');
  });

  test('is hidden when reminders are off or the competition is not upcoming', async () => {
    serve(Object.assign(upcoming(), {reminder_template_id: null}));
    let page = await openPage(DETAIL, {id: '3'});
    expect(page.querySelector('#reminder')).toBeFalsy();
    closePages();

    serve(fq.detail({reminder_template_id: TEMPLATE}));
    page = await openPage(DETAIL, {id: '3'});
    expect(page.querySelector('#reminder')).toBeFalsy();
  });
});

test('a closed competition offers its leaderboard; a missing one says so', async () => {
  serve(fq.detail({status: 'closed'}));
  let page = await openPage(DETAIL, {id: '3'});
  expect(text(page.querySelector('#blocker'))).toContain('竞赛已结束');
  expect(page.querySelector('#board')).toBeTruthy();
  closePages();

  api.on('GET', '/competitions/3', error(404, 'competition_not_found', '竞赛不存在'));
  page = await openPage(DETAIL, {id: '3'});
  expect(text(page)).toContain('竞赛不存在');
});
