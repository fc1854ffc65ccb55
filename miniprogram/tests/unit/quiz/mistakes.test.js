const {installWx} = require('../../helpers/wx');
const {fakeApi} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fq = require('../../helpers/fixtures-quiz');

const MISTAKES = 'packages/quiz/mistakes/index';

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
  api.on('GET', '/question-categories', [200, fq.categories()]);
});

afterEach(() => closePages());

const single = fq.mistake({
  question_id: 101,
  category_id: 1,
  type: 'single',
  stem: '行业协会商会向会员收取会费，应当遵循的原则是？',
  options: ['自愿入会、按经民主程序制定的标准收取', '强制入会、统一收取', '按企业规模由秘书处决定', '由会长个人决定'],
  choices: ['B'],
  answer: ['A'],
  analysis: '会费标准须经会员（代表）大会民主程序制定，会员自愿入会。',
  reference: '《社会团体登记管理条例》',
  times_wrong: 1,
});

test('shows each mistake with my choices, the key, the analysis and how often I got it wrong', async () => {
  api.on('GET', '/me/mistakes', [200, fx.page([fq.mistake(), single])]);

  const page = await openPage(MISTAKES);

  const shown = text(page);
  expect(shown).toContain('共 2 道错题');
  expect(shown).toContain('下列哪些属于行业协会商会乱收费行为？');
  expect(shown).toContain('我的答案：A、C');
  expect(shown).toContain('正确答案：A、B、D');
  expect(shown).toContain('错 3 次');
  expect(shown).toContain('出处：《社会团体登记管理条例》');
  expect(shown).toContain('已显示全部错题');
});

test('filters by category and practises the chosen category', async () => {
  api.on('GET', '/me/mistakes', [200, fx.page([fq.mistake(), single])]);
  api.on('POST', '/practice', [201, fq.practiceAttempt()]);
  const page = await openPage(MISTAKES);

  page.querySelector('#filter-1').dispatchEvent('tap');
  await settle();

  expect(text(page)).toContain('清廉文化');
  expect(text(page)).toContain('行业协会商会向会员收取会费');
  expect(text(page)).not.toContain('下列哪些属于行业协会商会乱收费行为？');
  await page.instance.practise();
  expect(api.sent('POST', '/practice')[0].data).toEqual({category: 1, count: 20, from_mistakes: true});
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/quiz/play/index?attempt=777'});

  page.querySelector('#filter-0').dispatchEvent('tap');
  await settle();
  await page.instance.practise();
  expect(api.sent('POST', '/practice')[1].data).toEqual({count: 20, from_mistakes: true});
});

test('loads more at the bottom', async () => {
  api.on('GET', '/me/mistakes', ({query}) =>
    query.page === '1'
      ? [200, fx.page([fq.mistake()], {total: 2, page_size: 1})]
      : [200, fx.page([single], {total: 2, page: 2, page_size: 1})],
  );
  const page = await openPage(MISTAKES);
  expect(text(page)).toContain('上拉加载更多');

  await page.instance.onReachBottom();
  await settle();

  expect(text(page)).toContain('行业协会商会向会员收取会费');
  expect(text(page)).toContain('已显示全部错题');
});

test('an empty book says how mistakes get there and leads to practice', async () => {
  api.on('GET', '/me/mistakes', [200, fx.page([])]);

  const page = await openPage(MISTAKES);

  expect(text(page)).toContain('错题本还是空的');
  expect(text(page)).toContain('答错的题，会自动收进这里');
  page.instance.goPractice();
  expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/quiz/practice/index'});
});
