const retrier = require('../../../packages/quiz/utils/retrier');

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Let resolved promises run without moving the fake clock. */
async function flushPromises() {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

test('retries with growing pauses until the job is done', async () => {
  const outcomes = ['retry', 'retry', 'retry', 'done'];
  const job = jest.fn(async () => outcomes.shift());
  const runner = retrier.create(job);

  await runner.run();
  expect(job).toHaveBeenCalledTimes(1);
  expect(runner.waiting()).toBe(true);

  jest.advanceTimersByTime(999);
  await flushPromises();
  expect(job).toHaveBeenCalledTimes(1);
  jest.advanceTimersByTime(1);
  await flushPromises();
  expect(job).toHaveBeenCalledTimes(2);
  jest.advanceTimersByTime(2000);
  await flushPromises();
  expect(job).toHaveBeenCalledTimes(3);
  jest.advanceTimersByTime(4000);
  await flushPromises();
  expect(job).toHaveBeenCalledTimes(4);
  expect(runner.waiting()).toBe(false);
});

test('kick runs a waiting retry at once; without one it does nothing', async () => {
  const job = jest.fn().mockResolvedValueOnce('retry').mockResolvedValue('done');
  const runner = retrier.create(job);

  runner.kick();
  expect(job).not.toHaveBeenCalled();
  await runner.run();
  runner.kick();
  await flushPromises();

  expect(job).toHaveBeenCalledTimes(2);
  expect(runner.waiting()).toBe(false);
});

test('a run asked for during a run happens right after it, once', async () => {
  let release;
  const job = jest.fn(() => new Promise((resolve) => (release = resolve)));
  const runner = retrier.create(job);

  const first = runner.run();
  runner.run();
  runner.run();
  await flushPromises();
  expect(job).toHaveBeenCalledTimes(1);
  release('done');
  await flushPromises();
  expect(job).toHaveBeenCalledTimes(2);
  release('done');
  await first;

  expect(job).toHaveBeenCalledTimes(2);
});

test('a job that throws is retried; stop ends it all', async () => {
  const job = jest.fn().mockRejectedValue(new Error('bug'));
  const runner = retrier.create(job);

  await runner.run();
  expect(runner.waiting()).toBe(true);
  runner.stop();
  jest.advanceTimersByTime(60000);
  await flushPromises();

  expect(job).toHaveBeenCalledTimes(1);
  expect(await runner.run()).toBe('stopped');
});

test('the pauses grow to 30 seconds and stay there', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 20].map(retrier.delay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('only failures that may pass are retryable', () => {
  expect(retrier.retryable({statusCode: 0})).toBe(true);
  expect(retrier.retryable({statusCode: 503})).toBe(true);
  expect(retrier.retryable({statusCode: 429})).toBe(true);
  expect(retrier.retryable({statusCode: 422})).toBe(false);
  expect(retrier.retryable({statusCode: 409})).toBe(false);
});
