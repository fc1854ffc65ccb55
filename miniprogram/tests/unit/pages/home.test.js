const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
});

afterEach(() => closePages());

test('shows the open competition with its countdown, my best score and my association', async () => {
  const ending = fx.competition({id: 9, title: '即将结束的竞赛', ends_at: fx.iso(Date.now() + 90 * 60 * 1000)});
  const later = fx.competition({id: 3});
  api.on('GET', '/competitions', ({query}) => {
    expect(query.status).toBe('open');
    return [200, fx.page([later, ending])];
  });

  const page = await openPage('pages/home/index');

  const shown = text(page);
  expect(shown).toContain('台州市椒江区建筑业协会');
  expect(shown).toContain('即将结束的竞赛');
  expect(page.data.endsIn).toMatch(/^1小时(29|30)分$/);
  expect(shown).toContain('85');
  expect(shown).toContain('再答一次');
});

test('logs in silently on first launch and keeps the token', async () => {
  api.on('GET', '/competitions', [200, fx.page([])]);

  await openPage('pages/home/index');

  expect(wx.login).toHaveBeenCalledTimes(1);
  expect(wx.getStorageSync('session.token')).toBe('token-42');
  const me = api.sent('GET', '/me')[0];
  expect(me.header.Authorization).toBe('Bearer token-42');
});

test('invites a member without an association to choose one, and opens the profile', async () => {
  api.member(fx.member({association: null}));
  api.on('GET', '/competitions', [200, fx.page([])]);

  const page = await openPage('pages/home/index');

  expect(text(page)).toContain('尚未选择所属协会');
  expect(text(page)).toContain('暂无进行中的竞赛');
  page.querySelector('#association').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/me/profile/index'});
});

test('a failed load says why instead of showing an empty page', async () => {
  api.on('GET', '/competitions', error(503, 'maintenance', '系统维护中，请稍后再试'));

  const page = await openPage('pages/home/index');

  expect(text(page)).toContain('系统维护中，请稍后再试');
  expect(wx.toasts()).toContain('系统维护中，请稍后再试');
});
