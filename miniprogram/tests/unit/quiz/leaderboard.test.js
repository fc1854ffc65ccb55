const {installWx} = require('../../helpers/wx');
const {fakeApi} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fq = require('../../helpers/fixtures-quiz');

const BOARD = 'packages/quiz/leaderboard/index';

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
  api.on('GET', '/competitions/3', [200, fq.detail()]);
});

afterEach(() => closePages());

function members(from, count) {
  return Array.from({length: count}, (_, index) => ({rank: from + index, name: `会员${from + index}`, score: 100 - index, time_used_ms: 200000 + index * 1000}));
}

const associations = {
  by: 'association',
  items: [
    {rank: 1, id: 7, name: '台州市椒江区建筑业协会', average: 92.5, participants: 30, registered: 40, participation_rate: 0.75},
    {rank: 2, id: 9, name: '温岭市泵业商会', average: 88, participants: 12, registered: 0, participation_rate: null},
  ],
  total: 2,
  page: 1,
  page_size: 20,
  me: {rank: 1, id: 7, name: '台州市椒江区建筑业协会', average: 92.5, participants: 30, registered: 40, participation_rate: 0.75},
};

test('ranks members with scores and time used, my rank pinned at the bottom, paginated', async () => {
  api.on('GET', '/competitions/3/leaderboard', ({query}) => {
    const page = Number(query.page);
    return [200, {by: 'member', items: members((page - 1) * 20 + 1, page === 1 ? 20 : 5), total: 25, page, page_size: 20, me: {rank: 23, score: 78, time_used_ms: 312000}}];
  });

  const page = await openPage(BOARD, {id: '3'});

  expect(text(page)).toContain('2026年台州市清廉知识竞赛');
  expect(text(page)).toContain('会员1');
  expect(text(page)).toContain('用时 3分20秒');
  const mine = text(page.querySelector('#mine'));
  expect(mine).toContain('我的排名');
  expect(mine).toContain('第 23 名 · 用时 5分12秒');
  expect(mine).toContain('78分');
  expect(text(page)).not.toContain('会员21');

  await page.instance.onReachBottom();
  await settle();

  expect(text(page)).toContain('会员25');
  expect(text(page)).toContain('已显示全部');
  expect(api.sent('GET', '/competitions/3/leaderboard').map((call) => [call.query.by, call.query.page])).toEqual([
    ['member', '1'],
    ['member', '2'],
  ]);
});

test('association and district tabs show averages, participants and participation', async () => {
  api.on('GET', '/competitions/3/leaderboard', ({query}) => {
    if (query.by === 'association') return [200, associations];
    if (query.by === 'district') return [200, {by: 'district', items: [{rank: 1, code: '331002', name: '椒江区', average: 90.1, participants: 120, registered: 300, participation_rate: 0.4}], total: 1, page: 1, page_size: 20, me: null}];
    return [200, {by: 'member', items: members(1, 3), total: 3, page: 1, page_size: 20, me: null}];
  });
  const page = await openPage(BOARD, {id: '3'});
  expect(text(page.querySelector('#mine'))).toContain('您还没有本竞赛的成绩');

  page.querySelector('#tab-association').dispatchEvent('tap');
  await settle();

  expect(text(page)).toContain('台州市椒江区建筑业协会');
  expect(text(page)).toContain('92.5分');
  expect(text(page)).toContain('平均分 · 30 人参与 · 参与率 75%');
  expect(text(page)).toContain('参与率 —');
  expect(text(page.querySelector('#mine'))).toContain('台州市椒江区建筑业协会');
  expect(text(page.querySelector('#mine'))).toContain('第 1 名');

  page.querySelector('#tab-district').dispatchEvent('tap');
  await settle();
  expect(text(page)).toContain('椒江区');
  expect(text(page)).toContain('参与率 40%');
  expect(text(page.querySelector('#mine'))).toContain('您所在的区县还没有成绩');
});

test('an empty board invites the first finisher', async () => {
  api.on('GET', '/competitions/3/leaderboard', [200, {by: 'member', items: [], total: 0, page: 1, page_size: 20, me: null}]);

  const page = await openPage(BOARD, {id: '3'});

  expect(text(page)).toContain('还没有人交卷');
});
