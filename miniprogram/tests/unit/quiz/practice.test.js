const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fq = require('../../helpers/fixtures-quiz');

const PRACTICE = 'packages/quiz/practice/index';

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
});

afterEach(() => closePages());

test('lists categories with their question counts and starts a round of the chosen size', async () => {
  api.on('GET', '/question-categories', [200, fq.categories()]);
  api.on('POST', '/practice', [201, fq.practiceAttempt()]);
  const page = await openPage(PRACTICE);

  expect(text(page)).toContain('清廉文化');
  expect(text(page)).toContain('48 题');
  expect(text(page)).toContain('暂无题目');
  page.querySelector('#category-3').dispatchEvent('tap');
  page.querySelector('#category-2').dispatchEvent('tap');
  page.querySelector('#count-20').dispatchEvent('tap');
  await settle();
  expect(text(page)).toContain('该分类共 8 题，将全部练习');

  await page.instance.start();

  expect(api.sent('POST', '/practice')[0].data).toEqual({category: 2, count: 20, from_mistakes: false});
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/quiz/play/index?attempt=777'});
});

test('the first category with questions is chosen to begin with', async () => {
  api.on('GET', '/question-categories', [200, [fq.categories()[2], fq.categories()[0]]]);
  api.on('POST', '/practice', [201, fq.practiceAttempt()]);
  const page = await openPage(PRACTICE);

  await page.instance.start();

  expect(api.sent('POST', '/practice')[0].data).toEqual({category: 1, count: 10, from_mistakes: false});
});

test('an empty bank says so; a refused start shows the reason and stays', async () => {
  api.on('GET', '/question-categories', [200, []]);
  let page = await openPage(PRACTICE);
  expect(text(page)).toContain('题库还在准备中');
  closePages();

  api.on('GET', '/question-categories', [200, fq.categories()]);
  api.on('POST', '/practice', error(409, 'not_enough_questions', '没有可练习的题目'));
  page = await openPage(PRACTICE);
  await page.instance.start();
  expect(wx.toasts()).toContain('没有可练习的题目');
  expect(wx.navigateTo).not.toHaveBeenCalled();
  expect(page.data.starting).toBe(false);
});
