// Journey: a member practises one category, gets some questions wrong, finds exactly those in the
// mistake book, practises them again from there, and once answered right they leave the book.
const {installWx} = require('../helpers/wx');
const {openPage, closePages, text} = require('../helpers/page');
const {connect, api, waitFor} = require('./bridge');
const {query} = require('./backend');
const {tap, destination, keysOf, letters} = require('./quiz');

afterEach(() => closePages());

/**
 * Open the play page the app navigated to, answer every question (wrong where wrong(index)
 * says so), submit, and return {attemptId, paper, chosen, keys, result} where result is the
 * result page's {path, query}.
 */
async function playThrough(wx, wrong) {
  const toPlay = destination(wx.navigateTo);
  expect(toPlay.path).toBe('packages/quiz/play/index');
  const play = await openPage(toPlay.path, toPlay.query);
  await waitFor(() => !play.data.loading, 15000, 'the practice paper');
  expect(play.data.practice).toBe(true);
  expect(text(play)).toContain('练习不计时');
  const attemptId = Number(toPlay.query.attempt);
  const {data: paper} = await api('GET', `/api/v1/attempts/${attemptId}`, {token: wx.getStorageSync('session.token')});
  expect(paper.kind).toBe('practice');
  const keys = keysOf(attemptId);
  const chosen = {};
  const total = paper.questions.length;
  for (let index = 0; index < total; index += 1) {
    const question = paper.questions[index];
    expect(play.data.progress).toBe(`第 ${index + 1}/${total} 题`);
    expect(play.data.question.stem).toBe(question.stem);
    chosen[question.id] = letters(question, keys[question.id], !wrong(index)).sort();
    for (const letter of chosen[question.id]) await tap(play, `option-${letter}`);
    if (index < total - 1) await tap(play, 'next');
  }
  const redirects = wx.redirectTo.mock.calls.length;
  await tap(play, 'submit');
  await waitFor(() => wx.redirectTo.mock.calls.length > redirects, 15000, 'the submit');
  const result = destination(wx.redirectTo);
  expect(result).toEqual({path: 'packages/quiz/result/index', query: {attempt: String(attemptId)}});
  return {attemptId, paper, chosen, keys, result};
}

test('practise a category, review the wrong answers, find exactly those in the mistake book and practise them away', async () => {
  const wx = installWx();
  const net = connect(wx, 'e2e_practice');

  // 竞赛 tab → 知识练习 → a category with enough questions → 10 题 → 开始练习.
  const tab = await openPage('pages/contests/index');
  await waitFor(() => !tab.data.loading, 15000, 'the competitions tab');
  await tap(tab, 'go-practice');
  const toPractice = destination(wx.navigateTo);
  expect(toPractice.path).toBe('packages/quiz/practice/index');
  const practice = await openPage(toPractice.path, toPractice.query);
  await waitFor(() => !practice.data.loading, 15000, 'the categories');
  const category = practice.data.categories.filter((item) => item.question_count >= 10).pop();
  expect(category.id).not.toBe(practice.data.categories[0].id);
  await tap(practice, `category-${category.id}`);
  await tap(practice, 'count-10');
  expect(practice.querySelector(`#category-${category.id}`).dom.className).toContain('category--on');
  expect(practice.data.note).toBe('');
  await practice.instance.start();
  const started = net.log.find((entry) => entry.url.endsWith('/api/v1/practice'));
  expect(JSON.parse(started.body)).toEqual({category: category.id, count: 10, from_mistakes: false});

  // Three of the ten answered wrong on purpose (the key read from the server's database).
  const wrongAt = [1, 4, 8];
  const round = await playThrough(wx, (index) => wrongAt.includes(index));
  expect(round.paper.questions).toHaveLength(10);
  const ids = round.paper.questions.map((question) => question.id);
  const categories = query(`select distinct category_id from questions where id in (${ids.map(() => '?').join(',')})`, ids);
  expect(categories).toEqual([[category.id]]);
  const wrongQuestions = wrongAt.map((index) => round.paper.questions[index]);
  const [[score, correctCount, status]] = query('select score, correct_count, status from attempts where id = ?', [round.attemptId]);
  expect([status, correctCount, score]).toEqual(['finished', 7, 7]);

  // The result shows the score and, under 只看错题, exactly the three wrong answers with the key.
  const result = await openPage(round.result.path, round.result.query);
  await waitFor(() => !result.data.loading, 15000, 'the result');
  expect(text(result)).toContain('本次练习得分');
  expect(text(result.querySelector('#score'))).toBe('7 / 10 分');
  expect(result.data.summary.correct).toBe('7/10');
  await tap(result, 'wrong-only');
  const reviewed = result.data.shown;
  expect(reviewed.map((item) => item.stem)).toEqual(wrongQuestions.map((question) => question.stem));
  reviewed.forEach((item, index) => {
    const question = wrongQuestions[index];
    expect(item.correct).toBe(false);
    expect(item.mine).toBe(round.chosen[question.id].join('、'));
    expect(item.key).toBe(round.keys[question.id].join('、'));
    expect(item.analysis).not.toBe('');
  });
  expect(text(result).match(/答错/g)).toHaveLength(3);

  // 错题本 lists exactly those questions, with what I chose and the key.
  result.instance.goMistakes();
  const toMistakes = destination(wx.redirectTo);
  expect(toMistakes.path).toBe('packages/quiz/mistakes/index');
  const book = await openPage(toMistakes.path, toMistakes.query);
  await waitFor(() => !book.data.loading, 15000, 'the mistake book');
  expect(book.data.total).toBe(3);
  expect(text(book)).toContain('共 3 道错题');
  const listed = book.data.list;
  expect(listed.map((item) => item.stem).sort()).toEqual(reviewed.map((item) => item.stem).sort());
  listed.forEach((item) => {
    const question = wrongQuestions.find((candidate) => candidate.stem === item.stem);
    expect(item.mine).toBe(round.chosen[question.id].join('、'));
    expect(item.key).toBe(round.keys[question.id].join('、'));
    expect(item.badge).toBe('错 1 次');
  });
  const token = wx.getStorageSync('session.token');
  const {data: mistakes} = await api('GET', '/api/v1/me/mistakes', {token});
  expect(mistakes.items.map((item) => item.question_id).sort()).toEqual(wrongQuestions.map((question) => question.id).sort());

  // 错题练习: a practice round made of the mistake book's questions; answered right, they leave it.
  await book.instance.practise();
  const fromBook = net.log.filter((entry) => entry.url.endsWith('/api/v1/practice')).pop();
  expect(JSON.parse(fromBook.body)).toEqual({count: 20, from_mistakes: true});
  const retry = await playThrough(wx, () => false);
  expect(retry.paper.questions.map((question) => question.id).sort()).toEqual(wrongQuestions.map((question) => question.id).sort());
  expect(query('select score from attempts where id = ?', [retry.attemptId])).toEqual([[3]]);

  closePages();
  const emptied = await openPage('packages/quiz/mistakes/index');
  await waitFor(() => !emptied.data.loading, 15000, 'the mistake book after practising');
  expect(emptied.data.total).toBe(0);
  expect(text(emptied)).toContain('错题本还是空的');
});
