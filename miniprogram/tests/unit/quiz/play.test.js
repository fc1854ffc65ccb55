const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fq = require('../../helpers/fixtures-quiz');
const {paperServer} = require('./paper-server');

const PLAY = 'packages/quiz/play/index';
const RESULT = {url: '/packages/quiz/result/index?attempt=501'};
const realNow = Date.now;

let wx;
let api;

function install(disk) {
  wx = installWx({disk});
  api = fakeApi(wx).member(fx.member());
}

beforeEach(() => install(new Map()));

afterEach(() => {
  closePages();
  jest.restoreAllMocks();
});

function tap(page, id) {
  page.querySelector(`#${id}`).dispatchEvent('tap');
  return settle();
}

function selected(page, letter) {
  return page.querySelector(`#option-${letter}`).dom.className.includes('option--selected');
}

/** Let the phone's clock read what `read()` returns from now on. */
function phoneClock(read) {
  jest.spyOn(Date, 'now').mockImplementation(read);
}

/** Wait (on real timers) until predicate() holds, as a countdown tick makes it. */
async function waitFor(predicate, timeoutMs = 5000) {
  const until = realNow() + timeoutMs;
  while (!predicate()) {
    if (realNow() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await settle();
}

/** "09:58" as seconds. */
function seconds(clock) {
  const [minutes, secs] = clock.split(':').map(Number);
  return minutes * 60 + secs;
}

/** Tell the page the network came back (wx.onNetworkStatusChange). */
async function networkBack() {
  api.offline(false);
  const calls = wx.onNetworkStatusChange.mock.calls;
  calls[calls.length - 1][0]({isConnected: true, networkType: 'wifi'});
  await settle(30);
}

test('shows one question at a time with progress, type and option letters', async () => {
  paperServer(api, fq.attempt());

  const page = await openPage(PLAY, {competition: '3'});

  expect(api.sent('POST', '/competitions/3/attempts')).toHaveLength(1);
  const shown = text(page);
  expect(shown).toContain('第 1/4 题');
  expect(shown).toContain('单选题');
  expect(shown).toContain('行业协会商会向会员收取会费，应当遵循的原则是？');
  expect(shown).toMatch(/A\s*自愿入会/);
  expect(page.querySelector('#option-D')).toBeTruthy();
  await tap(page, 'next');
  expect(text(page)).toContain('第 2/4 题');
  expect(text(page)).toContain('多选题');
  await tap(page, 'next');
  expect(text(page)).toContain('判断题');
  expect(page.querySelector('#option-C')).toBeFalsy();
  await tap(page, 'prev');
  expect(text(page)).toContain('第 2/4 题');
});

test('saves each choice as it is made; multiple choice toggles letters', async () => {
  const server = paperServer(api, fq.attempt());
  const page = await openPage(PLAY, {competition: '3'});

  await tap(page, 'option-B');
  await tap(page, 'option-A');
  expect(api.sent('PUT', '/attempts/501/answers/101').map((call) => call.data)).toEqual([{choices: ['B']}, {choices: ['A']}]);
  expect(selected(page, 'A')).toBe(true);
  expect(selected(page, 'B')).toBe(false);

  await tap(page, 'next');
  await tap(page, 'option-D');
  await tap(page, 'option-A');
  await tap(page, 'option-B');
  await tap(page, 'option-D');
  expect(server.saved[102]).toEqual(['A', 'B']);
  expect(page.querySelector('#pending')).toBeFalsy();
  expect(wx.getStorageSync('quiz.queue.501')).toBe('');
});

test('the answer sheet shows answered and unanswered questions and jumps to one', async () => {
  paperServer(api, fq.attempt());
  const page = await openPage(PLAY, {competition: '3'});
  await tap(page, 'option-A');
  await tap(page, 'next');
  await tap(page, 'next');
  await tap(page, 'option-B');

  await tap(page, 'sheet-toggle');

  expect(text(page)).toContain('已答 2 题 · 未答 2 题');
  const done = [0, 1, 2, 3].map((index) => page.querySelector(`#sheet-${index}`).dom.className.includes('cell--done'));
  expect(done).toEqual([true, false, true, false]);
  await tap(page, 'sheet-3');
  expect(text(page)).toContain('第 4/4 题');
  expect(page.querySelector('#sheet')).toBeFalsy();
});

test.each([
  ['7 minutes fast', 7],
  ['5 minutes slow', -5],
])('the countdown follows the server deadline with a phone clock %s', async (_, skewMinutes) => {
  api.on('POST', '/competitions/3/attempts', () => {
    const serverNow = realNow();
    return [200, fq.attempt({now: fx.iso(serverNow), deadline: fx.iso(serverNow + 10 * fq.MINUTE)})];
  });
  phoneClock(() => realNow() + skewMinutes * fq.MINUTE);

  const page = await openPage(PLAY, {competition: '3'});

  expect(seconds(page.data.clock)).toBeGreaterThan(590);
  expect(seconds(page.data.clock)).toBeLessThanOrEqual(600);
  expect(text(page.querySelector('#clock'))).toBe(`剩余 ${page.data.clock}`);
});

test('at the deadline the page submits what it has and shows the result', async () => {
  const server = paperServer(api, fq.attempt({deadline: fx.iso(realNow() + 2 * fq.MINUTE)}));
  const page = await openPage(PLAY, {competition: '3'});
  await tap(page, 'option-A');
  expect(page.data.warn).toBe(false);

  phoneClock(() => realNow() + 110 * 1000);
  await waitFor(() => page.data.warn);
  expect(seconds(page.data.clock)).toBeLessThanOrEqual(60);
  phoneClock(() => realNow() + 3 * fq.MINUTE);
  await waitFor(() => server.submits.length && wx.redirectTo.mock.calls.length);

  expect(wx.showModal).not.toHaveBeenCalled();
  expect(server.submits).toEqual([{answers: [{question_id: 101, choices: ['A']}]}]);
  expect(wx.redirectTo).toHaveBeenCalledWith(RESULT);
});

test('offline mid-way: answers wait in a queue, go out when the network returns, and submit is retried', async () => {
  const server = paperServer(api, fq.attempt());
  const page = await openPage(PLAY, {competition: '3'});
  await tap(page, 'option-A');

  api.offline(true);
  await tap(page, 'next');
  await tap(page, 'option-A');
  await tap(page, 'option-B');
  await tap(page, 'next');
  await tap(page, 'option-B');

  expect(text(page.querySelector('#pending'))).toBe('2 题待同步');
  expect(wx.getStorageSync('quiz.queue.501')).toEqual([
    {question_id: 102, choices: ['A', 'B']},
    {question_id: 103, choices: ['B']},
  ]);

  await tap(page, 'next');
  await tap(page, 'option-B');
  await tap(page, 'submit');
  expect(wx.showModal.mock.calls[0][0].content).toContain('交卷后不能再修改答案');
  expect(text(page)).toContain('网络不给力，正在重试交卷');
  expect(wx.redirectTo).not.toHaveBeenCalled();
  expect(wx.getStorageSync('quiz.queue.501')).toHaveLength(3);

  await networkBack();

  expect(server.submits).toHaveLength(1);
  expect(server.submits[0].answers).toEqual([
    {question_id: 101, choices: ['A']},
    {question_id: 102, choices: ['A', 'B']},
    {question_id: 103, choices: ['B']},
    {question_id: 104, choices: ['B']},
  ]);
  expect(server.saved).toEqual({101: ['A'], 102: ['A', 'B'], 103: ['B'], 104: ['B']});
  expect(wx.redirectTo).toHaveBeenCalledWith(RESULT);
  expect(wx.getStorageSync('quiz.queue.501')).toBe('');
});

test('reopening after a kill resumes the attempt: saved choices merged with queued ones, which win and are sent', async () => {
  const disk = new Map();
  install(disk);
  const paper = fq.attempt();
  const server = paperServer(api, paper);
  let page = await openPage(PLAY, {competition: '3'});
  await tap(page, 'option-A');
  await tap(page, 'next');
  await tap(page, 'option-A');
  api.offline(true);
  await tap(page, 'option-B');
  await tap(page, 'next');
  await tap(page, 'option-A');
  expect(server.saved).toEqual({101: ['A'], 102: ['A']});

  closePages();
  install(disk);
  paperServer(api, paper, server);
  page = await openPage(PLAY, {competition: '3'});

  expect(api.sent('POST', '/competitions/3/attempts')).toHaveLength(1);
  expect(text(page)).toContain('第 4/4 题');
  expect(server.saved).toEqual({101: ['A'], 102: ['A', 'B'], 103: ['A']});
  expect(page.querySelector('#pending')).toBeFalsy();
  await tap(page, 'sheet-toggle');
  await tap(page, 'sheet-1');
  expect(selected(page, 'A')).toBe(true);
  expect(selected(page, 'B')).toBe(true);
  await tap(page, 'prev');
  expect(selected(page, 'A')).toBe(true);
});

test('reopened without a network, the paper goes on from the phone and syncs later', async () => {
  const disk = new Map();
  install(disk);
  const paper = fq.attempt();
  const server = paperServer(api, paper);
  let page = await openPage(PLAY, {competition: '3'});
  await tap(page, 'option-A');
  const clockBefore = page.data.clock;

  closePages();
  install(disk);
  paperServer(api, paper, server);
  api.offline(true);
  page = await openPage(PLAY, {competition: '3'});

  expect(text(page)).toContain('第 2/4 题');
  expect(text(page)).toContain('网络已断开');
  expect(page.data.clock <= clockBefore).toBe(true);
  await tap(page, 'option-C');
  expect(text(page.querySelector('#pending'))).toBe('1 题待同步');

  await networkBack();
  expect(server.saved).toEqual({101: ['A'], 102: ['C']});
  expect(page.querySelector('#pending')).toBeFalsy();
});

test('a 409 attempt_expired drops the queue and shows the result', async () => {
  paperServer(api, fq.attempt());
  const page = await openPage(PLAY, {competition: '3'});
  api.on('PUT', '/attempts/501/answers/:qid', error(409, 'attempt_expired', '答题时间已到，已按保存的答案交卷'));

  await tap(page, 'option-A');

  expect(wx.getStorageSync('quiz.queue.501')).toBe('');
  expect(wx.getStorageSync('quiz.paper.501')).toBe('');
  expect(wx.redirectTo).toHaveBeenCalledWith(RESULT);
});

test('submit asks first, naming the unanswered questions, then sends every answer', async () => {
  const server = paperServer(api, fq.attempt());
  const page = await openPage(PLAY, {competition: '3'});
  await tap(page, 'option-A');
  await tap(page, 'next');
  await tap(page, 'next');
  await tap(page, 'option-B');
  await tap(page, 'next');
  wx.showModal.mockImplementationOnce((options) => options.success({confirm: false, cancel: true}));

  await tap(page, 'submit');

  expect(wx.showModal.mock.calls[0][0].content).toBe('还有 2 题未作答（第 2、4 题），交卷后不能再修改，确定交卷吗？');
  expect(server.submits).toHaveLength(0);
  await tap(page, 'submit');
  expect(server.submits).toEqual([
    {answers: [{question_id: 101, choices: ['A']}, {question_id: 103, choices: ['B']}]},
  ]);
  expect(wx.redirectTo).toHaveBeenCalledWith(RESULT);
});

test('a finished attempt opens its result instead of the paper', async () => {
  const server = paperServer(api, fq.attempt());
  server.finished = {finish_reason: 'expired'};

  await openPage(PLAY, {attempt: '501'});

  expect(wx.redirectTo).toHaveBeenCalledWith(RESULT);
});

test('a refused start says why', async () => {
  api.on('POST', '/competitions/3/attempts', error(409, 'attempts_exhausted', '每人最多参加 3 次，次数已用完'));

  const page = await openPage(PLAY, {competition: '3'});

  expect(text(page)).toContain('每人最多参加 3 次，次数已用完');
});

describe('fair play', () => {
  test('each leave is counted with its duration and reported with seq numbers', async () => {
    const server = paperServer(api, fq.attempt({max_leaves: 3}));
    const page = await openPage(PLAY, {competition: '3'});
    let clock = realNow();
    phoneClock(() => clock);

    wx.hideApp();
    clock += 4000;
    wx.showApp();
    await settle();
    wx.hideApp();
    clock += 2500;
    wx.showApp();
    await settle();

    expect(server.leaves).toEqual([
      {seq: 1, duration_ms: 4000},
      {seq: 2, duration_ms: 2500},
    ]);
    expect(text(page.querySelector('#leaves'))).toBe('您已切出 2 次，超过 3 次将自动交卷');
    expect(wx.showModal.mock.calls[1][0].content).toContain('您已切出 2 次，超过 3 次将自动交卷');
    expect(wx.getStorageSync('quiz.leaves.501').unsent).toEqual([]);
  });

  test('without a limit the warning names only the count', async () => {
    paperServer(api, fq.attempt({max_leaves: null}));
    const page = await openPage(PLAY, {competition: '3'});

    wx.hideApp();
    wx.showApp();
    await settle();

    expect(text(page.querySelector('#leaves'))).toBe('您已切出 1 次');
  });

  test('past the limit the paper is submitted as it stands and the result shows why', async () => {
    const server = paperServer(api, fq.attempt({max_leaves: 1}));
    const page = await openPage(PLAY, {competition: '3'});
    await tap(page, 'option-A');

    wx.hideApp();
    wx.showApp();
    await settle();
    expect(wx.redirectTo).not.toHaveBeenCalled();
    wx.hideApp();
    wx.showApp();
    await settle();

    expect(server.leaves.map((leave) => leave.seq)).toEqual([1, 2]);
    expect(wx.redirectTo).toHaveBeenCalledWith(RESULT);
    closePages();
    const result = await openPage('packages/quiz/result/index', {attempt: '501'});
    expect(text(result)).toContain('切出次数超限自动交卷');
  });

  test('a leave during which the app was killed is reported when the paper is reopened', async () => {
    const disk = new Map();
    install(disk);
    const paper = fq.attempt({max_leaves: 3});
    const server = paperServer(api, paper);
    await openPage(PLAY, {competition: '3'});
    let clock = realNow();
    phoneClock(() => clock);
    wx.hideApp();

    closePages();
    install(disk);
    paperServer(api, paper, server);
    clock += 30000;
    const page = await openPage(PLAY, {competition: '3'});

    expect(server.leaves).toEqual([{seq: 1, duration_ms: 30000}]);
    expect(text(page.querySelector('#leaves'))).toBe('您已切出 1 次，超过 3 次将自动交卷');
  });

  test('leaves numbered by the server go on from its count', async () => {
    const server = paperServer(api, fq.attempt({max_leaves: 5, leave_count: 2}));
    await openPage(PLAY, {competition: '3'});

    wx.hideApp();
    wx.showApp();
    await settle();

    expect(server.leaves.map((leave) => leave.seq)).toEqual([3]);
  });

  test('a leave reported offline is sent when the network returns', async () => {
    const server = paperServer(api, fq.attempt({max_leaves: 3}));
    await openPage(PLAY, {competition: '3'});
    api.offline(true);

    wx.hideApp();
    wx.showApp();
    await settle();
    expect(server.leaves).toEqual([]);
    await networkBack();

    expect(server.leaves.map((leave) => leave.seq)).toEqual([1]);
  });

  test('the handlers are removed when the page closes', async () => {
    paperServer(api, fq.attempt());
    await openPage(PLAY, {competition: '3'});
    expect(wx.appHide).toHaveLength(1);
    expect(wx.appShow).toHaveLength(1);

    closePages();

    expect(wx.appHide).toHaveLength(0);
    expect(wx.appShow).toHaveLength(0);
    expect(wx.offNetworkStatusChange).toHaveBeenCalled();
  });
});

test('practice: no countdown and no fair play; the result follows the submit', async () => {
  const server = paperServer(api, fq.practiceAttempt());
  const page = await openPage(PLAY, {attempt: '777'});

  expect(text(page)).toContain('练习不计时');
  expect(page.querySelector('#clock')).toBeFalsy();
  expect(wx.onAppHide).not.toHaveBeenCalled();
  wx.hideApp();
  wx.showApp();
  await tap(page, 'option-B');
  await tap(page, 'sheet-toggle');
  await tap(page, 'sheet-3');
  await tap(page, 'submit');

  expect(api.sent('POST', '/attempts/777/leaves')).toHaveLength(0);
  expect(server.submits).toEqual([{answers: [{question_id: 101, choices: ['B']}]}]);
  expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/quiz/result/index?attempt=777'});
});
