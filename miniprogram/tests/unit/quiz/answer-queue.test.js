const {installWx} = require('../../helpers/wx');

let answerQueue;

function load(disk) {
  installWx({disk});
  jest.resetModules();
  answerQueue = require('../../../packages/quiz/utils/answer-queue');
}

function apiError(statusCode, reason) {
  return Object.assign(new Error(reason), {statusCode, reason});
}

beforeEach(() => load(new Map()));

test('queues answers in the order they last changed, one entry per question', () => {
  const queue = answerQueue.open(501);
  queue.put(101, ['A']);
  queue.put(102, ['B']);
  queue.put(101, ['C']);

  expect(queue.entries()).toEqual([
    {question_id: 102, choices: ['B']},
    {question_id: 101, choices: ['C']},
  ]);
  expect(queue.size()).toBe(2);
  expect(queue.choices()).toEqual({101: ['C'], 102: ['B']});
  expect(answerQueue.open(502).size()).toBe(0);
});

test('survives the app being killed: a new process with the same storage finds the queue', () => {
  const disk = new Map();
  load(disk);
  answerQueue.open(501).put(101, ['A']);
  answerQueue.open(501).put(103, ['B']);

  load(disk);

  expect(answerQueue.open(501).entries()).toEqual([
    {question_id: 101, choices: ['A']},
    {question_id: 103, choices: ['B']},
  ]);
});

test('flush sends oldest first and empties the queue', async () => {
  const queue = answerQueue.open(501);
  queue.put(103, ['B']);
  queue.put(101, ['A']);
  const sent = [];

  const outcome = await queue.flush(async (entry) => sent.push(entry.question_id));

  expect(sent).toEqual([103, 101]);
  expect(outcome).toEqual({status: 'done', sent: 2, dropped: []});
  expect(queue.size()).toBe(0);
  expect(wx.getStorageSync('quiz.queue.501')).toBe('');
});

test('a network failure stops the flush and keeps the rest, in order, for the retry', async () => {
  const queue = answerQueue.open(501);
  queue.put(101, ['A']);
  queue.put(102, ['B']);
  queue.put(103, ['A']);
  const send = jest
    .fn()
    .mockResolvedValueOnce({})
    .mockRejectedValueOnce(apiError(0, 'network_error'));

  const outcome = await queue.flush(send);

  expect(outcome.status).toBe('retry');
  expect(outcome.sent).toBe(1);
  expect(send).toHaveBeenCalledTimes(2);
  expect(queue.entries().map((entry) => entry.question_id)).toEqual([102, 103]);
});

test('server errors and failed logins are retried, not dropped', async () => {
  const queue = answerQueue.open(501);
  queue.put(101, ['A']);

  expect((await queue.flush(() => Promise.reject(apiError(503, 'maintenance')))).status).toBe('retry');
  expect((await queue.flush(() => Promise.reject(apiError(401, 'token_invalid')))).status).toBe('retry');
  expect(queue.size()).toBe(1);
});

test('an answer changed while its save was in flight is sent again with the new choices', async () => {
  const queue = answerQueue.open(501);
  queue.put(102, ['A']);
  const sent = [];
  const send = async (entry) => {
    sent.push(entry.choices);
    if (sent.length === 1) queue.put(102, ['A', 'B']);
  };

  await queue.flush(send);

  expect(sent).toEqual([['A'], ['A', 'B']]);
  expect(queue.size()).toBe(0);
});

test.each(['attempt_finished', 'attempt_expired'])('a 409 %s drops the whole queue', async (reason) => {
  const queue = answerQueue.open(501);
  queue.put(101, ['A']);
  queue.put(102, ['B']);

  const outcome = await queue.flush(() => Promise.reject(apiError(409, reason)));

  expect(outcome.status).toBe('finished');
  expect(queue.size()).toBe(0);
  expect(wx.getStorageSync('quiz.queue.501')).toBe('');
});

test('an answer the server refuses for good is dropped and the rest still go', async () => {
  const queue = answerQueue.open(501);
  queue.put(101, ['Z']);
  queue.put(102, ['B']);
  const send = jest.fn((entry) => (entry.question_id === 101 ? Promise.reject(apiError(422, 'invalid_choice')) : Promise.resolve({})));

  const outcome = await queue.flush(send);

  expect(outcome.status).toBe('done');
  expect(outcome.dropped).toEqual([{question_id: 101, choices: ['Z']}]);
  expect(queue.size()).toBe(0);
});

test('settle leaves an entry that changed since it was sent', () => {
  const queue = answerQueue.open(501);
  queue.put(101, ['A', 'C']);

  queue.settle(101, ['A']);
  expect(queue.size()).toBe(1);
  queue.settle(101, ['A', 'C']);
  expect(queue.size()).toBe(0);
});
