const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const fx = require('../../helpers/fixtures');

let wx;
let api;
let request;

beforeEach(() => {
  jest.resetModules();
  wx = installWx();
  api = fakeApi(wx);
  request = require('../../../utils/request');
});

test('sends the stored token and resolves with the body', async () => {
  wx.setStorageSync('session.token', 'stored');
  api.on('GET', '/me', [200, fx.member()]);

  const body = await request.request({path: '/me'});

  expect(body.nickname).toBe('王会员');
  expect(api.calls[0].header.Authorization).toBe('Bearer stored');
  expect(wx.request.mock.calls[0][0].url).toBe('http://127.0.0.1:5000/api/v1/me');
  expect(wx.login).not.toHaveBeenCalled();
});

test('on 401 logs in again once, silently, and retries once', async () => {
  wx.setStorageSync('session.token', 'expired');
  api.member(fx.member());
  let seen = 0;
  api.on('GET', '/competitions', ({header}) => {
    seen += 1;
    return header.Authorization === 'Bearer token-42'
      ? [200, fx.page([])]
      : error(401, 'token_expired', '登录已过期，请重新登录');
  });

  const body = await request.request({path: '/competitions'});

  expect(body.total).toBe(0);
  expect(seen).toBe(2);
  expect(wx.login).toHaveBeenCalledTimes(1);
  expect(api.sent('POST', '/auth/login')[0].data).toEqual({code: expect.stringMatching(/^jest\./)});
  expect(wx.getStorageSync('session.token')).toBe('token-42');
  expect(wx.showToast).not.toHaveBeenCalled();
});

test('a second 401 after the re-login is shown, not retried forever', async () => {
  api.member(fx.member());
  api.on('GET', '/me/reports', error(401, 'token_invalid', '请重新登录'));

  await expect(request.request({path: '/me/reports'})).rejects.toMatchObject({statusCode: 401, reason: 'token_invalid'});

  expect(api.sent('GET', '/me/reports')).toHaveLength(2);
  expect(wx.login).toHaveBeenCalledTimes(2);
  expect(wx.toasts()).toEqual(['请重新登录']);
});

test('parallel requests without a token share one login', async () => {
  api.member(fx.member());
  api.on('GET', '/me', [200, fx.member()]);
  api.on('GET', '/competitions', [200, fx.page([])]);

  await Promise.all([request.request({path: '/me'}), request.request({path: '/competitions'})]);

  expect(wx.login).toHaveBeenCalledTimes(1);
});

test('shows the server message as a toast and rejects with the reason and field errors', async () => {
  wx.setStorageSync('session.token', 't');
  api.on('PATCH', '/me', error(422, 'validation_failed', '昵称不能为空', {nickname: ['昵称不能为空']}));

  const failure = await request.request({method: 'PATCH', path: '/me', data: {nickname: ''}}).catch((e) => e);

  expect(failure).toBeInstanceOf(request.ApiError);
  expect(failure).toMatchObject({statusCode: 422, reason: 'validation_failed', message: '昵称不能为空'});
  expect(failure.errors.nickname).toEqual(['昵称不能为空']);
  expect(wx.toasts()).toEqual(['昵称不能为空']);
});

test('silent requests do not toast', async () => {
  api.on('GET', '/districts', error(500, 'internal_error', '服务器出错了'));

  await expect(request.request({path: '/districts', auth: 'none', silent: true})).rejects.toMatchObject({statusCode: 500});

  expect(wx.showToast).not.toHaveBeenCalled();
});

test('a lost network is a network error with a plain message, and requests have timeouts', async () => {
  api.offline(true);

  const failure = await request.request({path: '/districts', auth: 'none'}).catch((e) => e);

  expect(failure.network).toBe(true);
  expect(failure.reason).toBe('network_error');
  expect(wx.toasts()).toEqual([request.NETWORK_MESSAGE]);
  expect(wx.request.mock.calls[0][0].timeout).toBeGreaterThan(0);
});

test('retries after network failures with the same Idempotency-Key', async () => {
  jest.useFakeTimers();
  let tries = 0;
  api.on('POST', '/reports', ({header}) => {
    tries += 1;
    return tries < 3 ? 'network' : [201, {receipt: 'R', public_id: 'P', status: 'submitted', key: header['Idempotency-Key']}];
  });

  const pending = request.request({method: 'POST', path: '/reports', data: {anonymous: true}, auth: 'none', idempotencyKey: 'k'.repeat(32), retries: 3});
  await jest.advanceTimersByTimeAsync(10000);
  const body = await pending;
  jest.useRealTimers();

  expect(tries).toBe(3);
  const keys = api.sent('POST', '/reports').map((call) => call.header['Idempotency-Key']);
  expect(keys).toEqual(['k'.repeat(32), 'k'.repeat(32), 'k'.repeat(32)]);
  expect(body.key).toBe('k'.repeat(32));
});

test("auth 'none' sends no Authorization header and never logs in, even when logged in", async () => {
  wx.setStorageSync('session.token', 'member-token');
  api.on('POST', '/reports/track', [200, {status: 'submitted'}]);
  api.on('POST', '/uploads', [201, {upload_id: 'u1'}]);

  await request.request({method: 'POST', path: '/reports/track', data: {receipt: 'x'}, auth: 'none'});
  await request.upload({path: '/uploads', filePath: '/tmp/photo.jpg', auth: 'none'});

  for (const call of api.calls) {
    expect(Object.keys(call.header).map((name) => name.toLowerCase())).not.toContain('authorization');
  }
  expect(wx.login).not.toHaveBeenCalled();
});

test('uploads parse the JSON string wx.uploadFile returns', async () => {
  wx.setStorageSync('session.token', 't');
  api.on('POST', '/uploads', [201, {upload_id: 'abc', width: 800}]);

  const body = await request.upload({path: '/uploads', filePath: '/tmp/a.jpg'});

  expect(body).toEqual({upload_id: 'abc', width: 800});
  expect(wx.uploadFile.mock.calls[0][0]).toMatchObject({filePath: '/tmp/a.jpg', name: 'file'});
});

test('newKey gives 32 hex characters from the secure random source', async () => {
  const key = await request.newKey();
  expect(key).toMatch(/^[0-9a-f]{32}$/);
  expect(await request.newKey()).not.toBe(key);
  expect(wx.getRandomValues).toHaveBeenCalledWith(expect.objectContaining({length: 16}));
});

test('the base URL follows the WeChat environment', () => {
  const config = require('../../../config/index');
  expect(config.forEnv('develop').baseUrl).toBe('http://127.0.0.1:5000');
  for (const env of ['trial', 'release']) expect(config.forEnv(env).baseUrl).toMatch(/^https:\/\//);
  installWx({envVersion: 'release'});
  expect(config.current().baseUrl).toBe(config.forEnv('release').baseUrl);
});
