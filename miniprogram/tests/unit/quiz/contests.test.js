const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');

const CONTESTS = 'pages/contests/index';

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
});

afterEach(() => closePages());

const now = Date.now();
const closed = fx.competition({id: 1, title: '2026年上半年清廉知识竞赛', status: 'closed', ends_at: fx.iso(now - 24 * fx.HOUR), attempts_used: 2, best_score: 90});
const upcoming = fx.competition({id: 2, title: '会费规范专题竞赛', status: 'upcoming', starts_at: fx.iso(now + 48 * fx.HOUR), attempts_used: 0, best_score: null});
const open = fx.competition({id: 3, title: '2026年台州市清廉知识竞赛'});

test('lists open, then upcoming, then closed competitions with window, attempts and best score', async () => {
  api.on('GET', '/competitions', [200, fx.page([upcoming, closed, open])]);

  const page = await openPage(CONTESTS);

  const shown = text(page);
  const order = ['进行中', '2026年台州市清廉知识竞赛', '未开始', '会费规范专题竞赛', '已结束', '2026年上半年清廉知识竞赛'].map((label) => shown.indexOf(label));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(order.every((at) => at >= 0)).toBe(true);
  const card = text(page.querySelector('#competition-3'));
  expect(card).toContain('已答 1/3 次');
  expect(card).toContain('最好成绩 85 分');
  expect(card).toContain('再答一次');
  expect(card).toMatch(/\d+月\d+日 \d\d:\d\d – /);
  expect(text(page.querySelector('#competition-2'))).toContain('最好成绩 暂无');
  expect(shown).toContain('没有更多竞赛了');
});

test('opens a competition, practice and the mistake book', async () => {
  api.on('GET', '/competitions', [200, fx.page([open])]);
  const page = await openPage(CONTESTS);

  page.querySelector('#competition-3').dispatchEvent('tap');
  page.querySelector('#go-practice').dispatchEvent('tap');
  page.querySelector('#go-mistakes').dispatchEvent('tap');
  await settle();

  expect(wx.navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
    '/packages/quiz/detail/index?id=3',
    '/packages/quiz/practice/index',
    '/packages/quiz/mistakes/index',
  ]);
});

test('loads the next page at the bottom and regroups', async () => {
  const first = Array.from({length: 20}, (_, index) => fx.competition({id: 100 + index, title: `往期竞赛${index}`, status: 'closed', ends_at: fx.iso(now - (index + 1) * fx.HOUR)}));
  api.on('GET', '/competitions', ({query}) =>
    query.page === '1' ? [200, fx.page(first, {total: 21})] : [200, fx.page([open], {total: 21, page: 2})],
  );
  const page = await openPage(CONTESTS);
  expect(text(page)).toContain('上拉加载更多');
  expect(text(page)).not.toContain('进行中');

  await page.instance.onReachBottom();
  await settle();

  expect(api.sent('GET', '/competitions').map((call) => call.query.page)).toEqual(['1', '2']);
  expect(text(page).indexOf('进行中')).toBeLessThan(text(page).indexOf('已结束'));
  expect(text(page)).toContain('没有更多竞赛了');
  await page.instance.onReachBottom();
  expect(api.sent('GET', '/competitions')).toHaveLength(2);
});

test('pull to refresh reloads the list', async () => {
  let items = [upcoming];
  api.on('GET', '/competitions', () => [200, fx.page(items)]);
  const page = await openPage(CONTESTS);
  items = [upcoming, open];

  await page.instance.onPullDownRefresh();
  await settle();

  expect(text(page)).toContain('2026年台州市清廉知识竞赛');
  expect(wx.stopPullDownRefresh).toHaveBeenCalled();
});

test('an empty list points to practice; a failure says why and can be retried', async () => {
  api.on('GET', '/competitions', [200, fx.page([])]);
  let page = await openPage(CONTESTS);
  expect(text(page)).toContain('暂时没有可参加的竞赛');
  closePages();

  api.on('GET', '/competitions', error(503, 'maintenance', '系统维护中，请稍后再试'));
  page = await openPage(CONTESTS);
  expect(text(page)).toContain('系统维护中，请稍后再试');
  api.on('GET', '/competitions', [200, fx.page([open])]);
  await page.instance.retry();
  await settle();
  expect(text(page)).toContain('2026年台州市清廉知识竞赛');
});
