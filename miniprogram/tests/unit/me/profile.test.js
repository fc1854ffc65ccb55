const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const fxm = require('../../helpers/fixtures-me');

let wx;
let api;
let fs;
let member;

beforeEach(() => {
  member = fx.member();
  wx = installWx({disk: new Map([['session.token', 'token-42'], ['session.member', member]])});
  fs = {
    saveFile: jest.fn((options) => options.success({savedFilePath: `wxfile://usr/saved-${fs.saveFile.mock.calls.length}.jpg`})),
    removeSavedFile: jest.fn((options) => options.success && options.success({})),
  };
  wx.getFileSystemManager = jest.fn(() => fs);
  api = fakeApi(wx).member(member);
  api.on('PATCH', '/me', ({data}) => {
    member = Object.assign({}, member, 'nickname' in data ? {nickname: data.nickname} : {});
    if ('association_id' in data) {
      const chosen = fxm.association(data.association_id, '温岭市泵业商会', '331081');
      member.association = {id: chosen.id, name: chosen.name, district: chosen.district};
    }
    return [200, member];
  });
});

afterEach(() => closePages());

test('shows my nickname, my association, and that the avatar stays on the phone', async () => {
  const page = await openPage('packages/me/profile/index');

  expect(page.data.nickname).toBe('王会员');
  expect(text(page.querySelector('#picker'))).toContain('台州市椒江区建筑业协会');
  expect(text(page.querySelector('#avatar-note'))).toBe('头像仅保存在本机，不会上传');
  expect(page.querySelector('#privacy')).toBeDefined();
});

test('a typed nickname is saved with PATCH /me and kept in the session', async () => {
  const page = await openPage('packages/me/profile/index');

  page.querySelector('#nickname').dispatchEvent('input', {detail: {value: '  李会员 '}});
  await settle();
  await page.instance.saveNickname();
  await settle();

  expect(api.sent('PATCH', '/me').map((call) => call.data)).toEqual([{nickname: '李会员'}]);
  expect(wx.getStorageSync('session.member').nickname).toBe('李会员');
  expect(wx.toasts()).toContain('昵称已保存');
});

test("WeChat's nickname filler that only fires blur is saved too", async () => {
  const page = await openPage('packages/me/profile/index');

  page.querySelector('#nickname').dispatchEvent('blur', {detail: {value: '微信里的昵称'}});
  await settle();
  await page.instance.saveNickname();

  expect(api.sent('PATCH', '/me')[0].data).toEqual({nickname: '微信里的昵称'});
});

test("the server's refusal is shown under the nickname, and the old one stays", async () => {
  api.on('PATCH', '/me', error(422, 'content_risky', '昵称含有不当内容，请修改', {nickname: ['昵称含有不当内容，请修改']}));
  const page = await openPage('packages/me/profile/index');

  page.querySelector('#nickname').dispatchEvent('input', {detail: {value: '不当昵称'}});
  await settle();
  await page.instance.saveNickname();
  await settle();

  expect(text(page.querySelector('#nickname-error'))).toBe('昵称含有不当内容，请修改');
  expect(wx.toasts()).toEqual([]);
  expect(wx.getStorageSync('session.member').nickname).toBe('王会员');
});

test("a nickname WeChat's review refuses is cleared and never sent", async () => {
  const page = await openPage('packages/me/profile/index');

  page.querySelector('#nickname').dispatchEvent('input', {detail: {value: '违规昵称'}});
  page.querySelector('#nickname').dispatchEvent('nicknamereview', {detail: {pass: false, timeout: false}});
  await settle();
  await page.instance.saveNickname();

  expect(text(page.querySelector('#nickname-error'))).toBe('请填写昵称');
  expect(api.sent('PATCH', '/me')).toHaveLength(0);
});

test('the chosen avatar is saved on the phone and never uploaded', async () => {
  wx.setStorageSync('me.avatar', 'wxfile://usr/old.jpg');
  const page = await openPage('packages/me/profile/index');
  const before = api.calls.length;

  page.querySelector('#avatar').dispatchEvent('chooseavatar', {detail: {avatarUrl: 'http://tmp/avatar.jpg'}});
  await settle();

  expect(fs.saveFile.mock.calls[0][0].tempFilePath).toBe('http://tmp/avatar.jpg');
  expect(wx.getStorageSync('me.avatar')).toBe('wxfile://usr/saved-1.jpg');
  expect(fs.removeSavedFile.mock.calls[0][0].filePath).toBe('wxfile://usr/old.jpg');
  expect(page.data.avatar).toBe('wxfile://usr/saved-1.jpg');
  expect(api.calls.length).toBe(before);
  expect(wx.uploadFile).not.toHaveBeenCalled();
});

test('choosing an association in the picker saves it with PATCH /me', async () => {
  api.on('GET', '/districts', [200, fxm.DISTRICTS]);
  api.on('GET', '/associations', [200, fx.page([fxm.association(12, '温岭市泵业商会', '331081')])]);
  const page = await openPage('packages/me/profile/index');
  const picker = page.querySelector('#picker');

  picker.querySelector('#picker-cell').dispatchEvent('tap');
  await settle();
  picker.querySelector('#assoc-12').dispatchEvent('tap');
  await settle();

  expect(api.sent('PATCH', '/me').map((call) => call.data)).toEqual([{association_id: 12}]);
  expect(wx.getStorageSync('session.member').association.name).toBe('温岭市泵业商会');
  expect(text(picker)).toContain('温岭市泵业商会');
});

test('a refused association change puts the old one back and says why', async () => {
  api.on('PATCH', '/me', error(422, 'association_not_found', '协会不存在', {association_id: ['协会不存在']}));
  const page = await openPage('packages/me/profile/index');

  await page.instance.onAssociation({detail: {association: {id: 99, name: '已停用的协会', district: '331002', district_name: '椒江区'}}});
  await settle();

  expect(text(page.querySelector('#association-error'))).toBe('协会不存在');
  expect(page.data.associationId).toBe(7);
  expect(text(page.querySelector('#picker'))).toContain('台州市椒江区建筑业协会');
  expect(wx.getStorageSync('session.member').association.id).toBe(7);
});

test('with nothing cached and no network, it says so and offers a retry', async () => {
  wx.removeStorageSync('session.member');
  api.on('GET', '/me', error(503, 'unavailable', '服务暂时不可用，请稍后重试'));

  const page = await openPage('packages/me/profile/index');

  expect(text(page.querySelector('#load-error'))).toContain('服务暂时不可用，请稍后重试');
});
