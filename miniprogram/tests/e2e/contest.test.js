// Journey: a member takes the open competition, leaves the app once, loses the network mid-way
// (answers wait on the phone), has the app killed, reopens it on the same paper, submits, and
// sees the score, the review and their own rank.
const {installWx} = require('../helpers/wx');
const {openPage, closePages, text} = require('../helpers/page');
const {connect, api, waitFor} = require('./bridge');
const {query} = require('./backend');
const {tap, destination, keysOf, letters} = require('./quiz');

const OPEN_TITLE = '【演示】台州市行业协会商会清廉知识竞赛';
const MEMBER = 'e2e_contest';

afterEach(() => closePages());

/** The letters shown as selected on the play page. */
function selected(page) {
  return page.data.options.filter((option) => option.selected).map((option) => option.letter);
}

/** The answers saved on the server for an attempt: {questionId: choices}. */
async function savedOnServer(attemptId, token) {
  const {statusCode, data} = await api('GET', `/api/v1/attempts/${attemptId}`, {token});
  expect(statusCode).toBe(200);
  return Object.fromEntries(data.questions.filter((question) => question.choices).map((question) => [question.id, question.choices]));
}

test('open competition: answer, leave once, lose the network, get killed, resume, submit, see score and rank', async () => {
  const disk = new Map();
  let wx = installWx({disk});
  let net = connect(wx, MEMBER);

  // 竞赛 tab → the open competition → its rules → 开始答题.
  const tab = await openPage('pages/contests/index');
  await waitFor(() => !tab.data.loading, 15000, 'the competitions');
  const open = tab.data.sections.find((section) => section.status === 'open');
  const card = open.items.find((item) => item.title === OPEN_TITLE);
  expect(card.action).toBe('开始答题');
  await tap(tab, `competition-${card.id}`);
  const toDetail = destination(wx.navigateTo);
  expect(toDetail).toEqual({path: 'packages/quiz/detail/index', query: {id: String(card.id)}});

  const detail = await openPage(toDetail.path, toDetail.query);
  await waitFor(() => !detail.data.loading, 15000, 'the competition');
  expect(text(detail)).toContain('限时 10 分钟');
  expect(detail.data.left).toBe(3);
  detail.instance.start();
  const toPlay = destination(wx.navigateTo);
  expect(toPlay).toEqual({path: 'packages/quiz/play/index', query: {competition: String(card.id)}});

  let play = await openPage(toPlay.path, toPlay.query);
  await waitFor(() => !play.data.loading, 15000, 'the paper');
  expect(play.data.error).toBe('');
  const attemptId = play.instance.attempt.id;
  const token = wx.getStorageSync('session.token');
  const {data: paper} = await api('GET', `/api/v1/attempts/${attemptId}`, {token});
  expect(paper.kind).toBe('competition');
  expect(paper.competition_id).toBe(card.id);
  expect(paper.questions).toHaveLength(20);
  expect(play.data.timed).toBe(true);
  expect(play.data.clock).toMatch(/^(10:00|09:\d\d)$/);
  const keys = keysOf(attemptId);
  const chosen = {};

  /** Answer question `index` (0-based) on the page, right or wrong, and move on. */
  async function answer(index, right) {
    const question = paper.questions[index];
    expect(play.data.progress).toBe(`第 ${index + 1}/20 题`);
    expect(play.data.question.stem).toBe(question.stem);
    chosen[question.id] = letters(question, keys[question.id], right).sort();
    for (const letter of chosen[question.id]) await tap(play, `option-${letter}`);
    expect(selected(play)).toEqual(chosen[question.id]);
    if (index < 19) await tap(play, 'next');
  }
  // Every third question answered wrong, on purpose: the score must count only the others.
  const right = (index) => index % 3 !== 0;
  const queueKey = `quiz.queue.${attemptId}`;

  // Online: each choice is saved on the server as it is made.
  for (let index = 0; index < 5; index += 1) await answer(index, right(index));
  await waitFor(() => wx.getStorageSync(queueKey) === '', 15000, 'the first answers to be saved');
  const firstIds = paper.questions.slice(0, 5).map((question) => question.id);
  expect(await savedOnServer(attemptId, token)).toEqual(Object.fromEntries(firstIds.map((id) => [id, chosen[id]])));
  const puts = net.log.filter((entry) => entry.method === 'PUT');
  expect(puts.map((entry) => entry.url.replace(/.*\/api\/v1/, ''))).toEqual(
    expect.arrayContaining(firstIds.map((id) => `/attempts/${attemptId}/answers/${id}`)),
  );

  // Leaving the app during the paper is counted on the server, with how long it lasted.
  wx.hideApp();
  await new Promise((resolve) => setTimeout(resolve, 250));
  wx.showApp();
  expect(wx.showModal.mock.calls[wx.showModal.mock.calls.length - 1][0].title).toBe('请专心答题');
  await waitFor(() => query('select leave_count from attempts where id = ?', [attemptId])[0][0] === 1, 15000, 'the leave to be counted');
  await waitFor(() => play.instance.fair.unsent().length === 0, 15000, 'the leave to be acknowledged');
  const [[leaveCount, leaveMs]] = query('select leave_count, leave_ms from attempts where id = ?', [attemptId]);
  expect(leaveCount).toBe(1);
  expect(leaveMs).toBeGreaterThanOrEqual(200);
  expect(text(play.querySelector('#leaves'))).toBe('您已切出 1 次');
  const leaves = net.log.filter((entry) => entry.url.endsWith(`/attempts/${attemptId}/leaves`));
  expect(leaves.map((entry) => JSON.parse(entry.body).seq)).toEqual([1]);

  // The network goes: the next answers are tried, fail, and wait in wx storage.
  net.offline(true);
  const offlineFrom = net.log.length;
  for (let index = 5; index < 10; index += 1) await answer(index, right(index));
  const queuedIds = paper.questions.slice(5, 10).map((question) => question.id);
  expect(wx.getStorageSync(queueKey)).toEqual(queuedIds.map((id) => ({question_id: id, choices: chosen[id]})));
  expect(text(play.querySelector('#pending'))).toBe('5 题待同步');
  const failed = net.log.slice(offlineFrom).filter((entry) => entry.method === 'PUT');
  expect(failed.length).toBeGreaterThan(0);
  expect(Object.keys(await savedOnServer(attemptId, token)).map(Number).sort()).toEqual(firstIds.slice().sort());

  // The app is killed; the phone keeps its storage. Reopened with the network back, the member
  // finds the competition and continues the same paper.
  closePages();
  wx = installWx({disk});
  net = connect(wx, MEMBER);
  const again = await openPage('packages/quiz/detail/index', {id: String(card.id)});
  await waitFor(() => !again.data.loading, 15000, 'the competition after the kill');
  expect(again.data.action).toBe('继续答题');
  again.instance.start();
  const resumeAt = destination(wx.navigateTo);
  play = await openPage(resumeAt.path, resumeAt.query);
  await waitFor(() => !play.data.loading, 15000, 'the resumed paper');
  expect(play.instance.attempt.id).toBe(attemptId);
  expect(net.log.filter((entry) => entry.url.endsWith('/auth/login'))).toEqual([]);
  expect(play.data.progress).toBe('第 11/20 题');
  expect(play.data.sheet.map((cell) => cell.answered)).toEqual(paper.questions.map((question, index) => index < 10));
  expect(text(play.querySelector('#leaves'))).toBe('您已切出 1 次');
  await tap(play, 'sheet-toggle');
  expect(text(play)).toContain('已答 10 题 · 未答 10 题');
  for (let index = 0; index < 10; index += 1) {
    if (!play.data.sheetOpen) await tap(play, 'sheet-toggle');
    await tap(play, `sheet-${index}`);
    expect(play.data.question.stem).toBe(paper.questions[index].stem);
    expect(selected(play)).toEqual(chosen[paper.questions[index].id]);
  }

  // The queue drains: every answer given so far, online or not, is on the server, once.
  await waitFor(() => wx.getStorageSync(queueKey) === '', 15000, 'the queued answers to be sent');
  const saved = await savedOnServer(attemptId, token);
  expect(saved).toEqual(chosen);
  expect(Object.keys(saved)).toHaveLength(10);
  expect(play.querySelector('#pending')).toBeFalsy();
  const resent = net.log.filter((entry) => entry.method === 'PUT').map((entry) => Number(entry.url.split('/').pop()));
  expect(resent.sort()).toEqual(queuedIds.slice().sort());

  // The rest, then 交卷.
  await tap(play, 'sheet-toggle');
  await tap(play, 'sheet-10');
  for (let index = 10; index < 20; index += 1) await answer(index, right(index));
  await waitFor(() => wx.getStorageSync(queueKey) === '', 15000, 'the last answers to be saved');
  expect(await savedOnServer(attemptId, token)).toEqual(chosen);
  expect(Object.keys(chosen)).toHaveLength(20);
  await tap(play, 'submit');
  expect(wx.showModal.mock.calls[wx.showModal.mock.calls.length - 1][0].content).toBe('交卷后不能再修改答案，确定交卷吗？');
  await waitFor(() => wx.redirectTo.mock.calls.length, 15000, 'the submit');
  const toResult = destination(wx.redirectTo);
  expect(toResult).toEqual({path: 'packages/quiz/result/index', query: {attempt: String(attemptId)}});
  expect(wx.getStorageSync(queueKey)).toBe('');
  const submitted = net.log.find((entry) => entry.url.endsWith(`/attempts/${attemptId}/submit`));
  expect(JSON.parse(submitted.body).answers).toHaveLength(20);

  // The score: 5 points for each question answered right, as stored by the server.
  const correct = paper.questions.filter((question, index) => right(index)).length;
  const [[score, correctCount, status, finishReason, storedLeaves]] = query(
    'select score, correct_count, status, finish_reason, leave_count from attempts where id = ?',
    [attemptId],
  );
  expect([status, finishReason, correctCount, score, storedLeaves]).toEqual(['finished', 'submitted', correct, correct * 5, 1]);
  expect(await savedOnServer(attemptId, token)).toEqual(chosen);

  const result = await openPage(toResult.path, toResult.query);
  await waitFor(() => !result.data.loading, 15000, 'the result');
  expect(text(result.querySelector('#score'))).toBe(`${score} / 100 分`);
  expect(text(result)).toContain('第 1 次答题得分');
  expect(result.data.summary.correct).toBe(`${correct}/20`);
  expect(result.data.items).toHaveLength(20);
  result.data.items.forEach((item, index) => {
    const question = paper.questions[index];
    expect(item.stem).toBe(question.stem);
    expect(item.mine).toBe(chosen[question.id].join('、'));
    expect(item.key).toBe(keys[question.id].join('、'));
    expect(item.correct).toBe(right(index));
  });
  expect(text(result.querySelector('#wrong-only'))).toBe(`只看错题（${20 - correct}）`);
  expect(result.data.again).toBe('再答一次');

  // The leaderboard pins my own place, as the server ranks it.
  result.instance.openBoard();
  const toBoard = destination(wx.navigateTo);
  expect(toBoard).toEqual({path: 'packages/quiz/leaderboard/index', query: {id: String(card.id)}});
  const board = await openPage(toBoard.path, toBoard.query);
  await waitFor(() => !board.data.loading, 15000, 'the leaderboard');
  const {data: ranks} = await api('GET', `/api/v1/competitions/${card.id}/leaderboard?by=member`, {token});
  expect(ranks.me.score).toBe(score);
  expect(board.data.me).toEqual(expect.objectContaining({rank: ranks.me.rank, score: String(score)}));
  const mine = text(board.querySelector('#mine'));
  expect(mine).toContain('我的排名');
  expect(mine).toContain(`第 ${ranks.me.rank} 名`);
});
