const {installWx} = require('../../helpers/wx');

let fairPlay;

function load(disk) {
  installWx({disk});
  jest.resetModules();
  fairPlay = require('../../../packages/quiz/utils/fair-play');
}

beforeEach(() => load(new Map()));

test('numbers each leave 1, 2, 3 and times it', () => {
  const leaves = fairPlay.open(501);

  leaves.hide(1000);
  expect(leaves.count()).toBe(1);
  expect(leaves.show(5000)).toEqual({seq: 1, duration_ms: 4000});
  leaves.hide(9000);
  expect(leaves.show(9500)).toEqual({seq: 2, duration_ms: 500});

  expect(leaves.unsent()).toEqual([
    {seq: 1, duration_ms: 4000},
    {seq: 2, duration_ms: 500},
  ]);
  leaves.acknowledge(1);
  expect(leaves.unsent()).toEqual([{seq: 2, duration_ms: 500}]);
});

test('a show without a hide, or a second hide, changes nothing', () => {
  const leaves = fairPlay.open(501);
  expect(leaves.show(1000)).toBeNull();

  leaves.hide(1000);
  leaves.hide(2000);

  expect(leaves.count()).toBe(1);
  expect(leaves.show(3000)).toEqual({seq: 1, duration_ms: 2000});
});

test('a leave during which the app was killed is recovered on reopening', () => {
  const disk = new Map();
  load(disk);
  fairPlay.open(501).hide(1000);

  load(disk);
  const leaves = fairPlay.open(501);

  expect(leaves.recover(61000)).toEqual({seq: 1, duration_ms: 60000});
  expect(leaves.recover(62000)).toBeNull();
});

test('numbers go on from the count the server already has', () => {
  const leaves = fairPlay.open(501, 2);

  leaves.hide(0);

  expect(leaves.show(10)).toEqual({seq: 3, duration_ms: 10});
});

test('clear forgets the attempt', () => {
  const leaves = fairPlay.open(501);
  leaves.hide(0);
  leaves.show(10);

  leaves.clear();

  expect(wx.getStorageSync('quiz.leaves.501')).toBe('');
  expect(fairPlay.open(501).count()).toBe(0);
});

test('the warning names the count and the limit when there is one', () => {
  expect(fairPlay.notice(2, 3)).toBe('您已切出 2 次，超过 3 次将自动交卷');
  expect(fairPlay.notice(1, null)).toBe('您已切出 1 次');
  expect(fairPlay.notice(3, 3)).toBe('您已切出 3 次，超过 3 次将自动交卷');
  expect(fairPlay.notice(4, 3)).toBe('您已切出 4 次，超过了 3 次，试卷将自动交卷');
});
