const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fq = require('../../helpers/fixtures-quiz');

const RESULT = 'packages/quiz/result/index';

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
});

afterEach(() => closePages());

const choices = {101: ['A'], 102: ['A', 'C'], 103: ['B']};

test('shows score, correct count, time used, how it ended and the review with keys and analyses', async () => {
  api.on('GET', '/attempts/501', [200, fq.finished(fq.attempt(), choices, {finish_reason: 'expired'})]);
  api.on('GET', '/competitions/3', [200, fq.detail({attempts_used: 2})]);

  const page = await openPage(RESULT, {attempt: '501'});

  const shown = text(page);
  expect(shown).toContain('第 2 次答题得分');
  expect(text(page.querySelector('#score'))).toBe('10 / 20 分');
  expect(shown).toContain('2/4');
  expect(shown).toContain('3分05秒');
  expect(shown).toContain('到时自动交卷');
  expect(shown).toContain('下列哪些属于行业协会商会乱收费行为？');
  expect(shown).toContain('我的答案：A、C');
  expect(shown).toContain('正确答案：A、B、D');
  expect(shown).toContain('我的答案：未作答');
  expect(shown).toContain('强制入会、评比表彰收费、强制培训收费均属清理规范的乱收费情形。');
  expect(shown).toContain('出处：《关于进一步规范行业协会商会收费管理的意见》');
  expect(shown).toContain('再答一次');

  page.instance.openBoard();
  page.instance.tryAgain();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/quiz/leaderboard/index?id=3'});
  expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/quiz/play/index?competition=3'});
});

test('only wrong answers on request', async () => {
  api.on('GET', '/attempts/501', [200, fq.finished(fq.attempt(), choices)]);
  api.on('GET', '/competitions/3', [200, fq.detail()]);
  const page = await openPage(RESULT, {attempt: '501'});
  expect(text(page)).toContain('行业协会商会向会员收取会费');

  page.querySelector('#wrong-only').dispatchEvent('tap');
  await settle();

  expect(text(page)).not.toContain('行业协会商会向会员收取会费');
  expect(text(page)).toContain('发现协会乱收费');
  expect(text(page)).toContain('显示全部');
});

test('no 再答一次 once the attempts are used up', async () => {
  api.on('GET', '/attempts/501', [200, fq.finished(fq.attempt(), choices)]);
  api.on('GET', '/competitions/3', [200, fq.detail({attempts_used: 3})]);

  const page = await openPage(RESULT, {attempt: '501'});

  expect(text(page)).toContain('查看排行榜');
  expect(text(page)).not.toContain('再答一次');
});

test('a practice result offers another round and the mistake book', async () => {
  api.on('GET', '/attempts/777', [200, fq.finished(fq.practiceAttempt(), choices)]);

  const page = await openPage(RESULT, {attempt: '777'});

  expect(text(page)).toContain('本次练习得分');
  expect(text(page.querySelector('#score'))).toBe('2 / 4 分');
  expect(text(page)).toContain('再练一组');
  expect(text(page)).not.toContain('排行榜');
  expect(api.sent('GET', '/competitions/null')).toHaveLength(0);
});

test('an unfinished attempt offers to go back to it; a failure says why', async () => {
  api.on('GET', '/attempts/501', [200, fq.attempt()]);
  let page = await openPage(RESULT, {attempt: '501'});
  expect(text(page)).toContain('这次答题还没有交卷');
  page.instance.resume();
  expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/quiz/play/index?attempt=501'});
  closePages();

  api.on('GET', '/attempts/501', error(404, 'attempt_not_found', '答题记录不存在'));
  page = await openPage(RESULT, {attempt: '501'});
  expect(text(page)).toContain('答题记录不存在');
});
