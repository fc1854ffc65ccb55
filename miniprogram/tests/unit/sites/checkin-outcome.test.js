const {ApiError} = require('../../../utils/request');
const checkin = require('../../../packages/sites/utils/checkin');

const refusal = (statusCode, reason, message) => checkin.explain(new ApiError({statusCode, reason, message}));
const actions = (view) => view.actions.map((entry) => entry.action);

test('too far keeps the server\'s distance and offers to retry and navigate', () => {
  const view = refusal(422, 'too_far', '您距离该阵地约 3.2 公里，须在 1 公里范围内才能打卡');

  expect(view.title).toBe('离阵地还有点远');
  expect(view.text).toBe('您距离该阵地约 3.2 公里，须在 1 公里范围内才能打卡');
  expect(actions(view)).toEqual(['retry', 'navigate']);
  expect(view.actions[0].label).toBe('重新打卡');
});

test.each([
  ['already_checked_in', 409, ['checkins'], 'info'],
  ['scene_invalid', 422, ['rescan'], 'warn'],
  ['scene_mismatch', 422, ['rescan'], 'warn'],
  ['site_disabled', 409, ['map'], 'warn'],
  ['site_not_found', 404, ['map'], 'warn'],
  ['location_required', 422, ['settings', 'retry'], 'warn'],
])('%s: the server\'s words, a hint and what to do next', (reason, statusCode, expected, tone) => {
  const view = refusal(statusCode, reason, `服务器说明：${reason}`);

  expect(view.text).toBe(`服务器说明：${reason}`);
  expect(view.hint).not.toBe('');
  expect(actions(view)).toEqual(expected);
  expect(view.tone).toBe(tone);
});

test('a lost network and an unknown refusal both offer to retry', () => {
  const network = checkin.explain(new ApiError());
  expect(network.title).toBe('网络不给力');
  expect(actions(network)).toEqual(['retry']);

  const other = refusal(429, 'rate_limited', '操作太频繁，请稍后再试');
  expect(other.title).toBe('打卡没有成功');
  expect(other.text).toBe('操作太频繁，请稍后再试');
  expect(actions(other)).toEqual(['retry']);
});

test('a location the phone could not give is explained by why', () => {
  expect(actions(checkin.explainLocation('denied'))).toEqual(['settings', 'retry']);
  expect(checkin.explainLocation('denied').text).toContain('须在现场定位');
  expect(checkin.explainLocation('privacy').title).toBe('需要您同意隐私保护指引');
  expect(checkin.explainLocation('system').title).toBe('手机定位未开启');
  expect(checkin.explainLocation('failed').title).toBe('暂时无法定位');
  expect(checkin.explainLocation('unknown')).toEqual(checkin.explainLocation('failed'));
});
