const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');

const STATUS_TEMPLATE = 'tmpl-report-status';
const OTHER_TEMPLATE = 'tmpl-report-status-2';

let wx;
let api;
let fs;

/** A phone where this member is logged in, with whatever else `extra` keeps in storage. */
function loggedIn(member, extra = {}) {
  const disk = new Map(Object.entries(Object.assign({'session.token': 'token-42', 'session.member': member}, extra)));
  wx = installWx({disk});
  fs = {saveFile: jest.fn(), removeSavedFile: jest.fn((options) => options.success && options.success({}))};
  wx.getFileSystemManager = jest.fn(() => fs);
  api = fakeApi(wx).member(member);
  api.on('GET', '/me/subscriptions', [200, [{kind: 'report_status', template_id: STATUS_TEMPLATE, credits: 2}]]);
}

afterEach(() => closePages());

/** An attribute as WXML set it (simulate keeps them on its own tree, not the DOM). */
function attr(node, name) {
  const found = node.toJSON().attrs.find((item) => item.name === name);
  return found ? found.value : undefined;
}

test('shows my local avatar, nickname, association, entries and remaining notifications', async () => {
  loggedIn(fx.member(), {'me.avatar': 'wxfile://usr/avatar-1.jpg'});

  const page = await openPage('pages/me/index');

  const shown = text(page);
  expect(shown).toContain('王会员');
  expect(shown).toContain('台州市椒江区建筑业协会');
  for (const entry of ['个人资料', '我的打卡', '我的成绩', '我的实名反映', '进度查询', '隐私说明', '退出登录']) {
    expect(shown).toContain(entry);
  }
  expect(shown).toContain('还可接收 2 条办理进度通知');
  expect(attr(page.querySelector('.avatar'), 'src')).toBe('wxfile://usr/avatar-1.jpg');
  expect(wx.login).not.toHaveBeenCalled();
  expect(api.sent('GET', '/me')[0].header.Authorization).toBe('Bearer token-42');
});

test('without a nickname or association: 微信用户 and a prompt that opens the profile', async () => {
  loggedIn(fx.member({nickname: null, association: null}));

  const page = await openPage('pages/me/index');

  expect(text(page)).toContain('微信用户');
  expect(text(page.querySelector('#choose-association'))).toBe('尚未选择所属协会，点此选择 ›');
  page.querySelector('#choose-association').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/me/profile/index'});
});

test('each entry opens its page', async () => {
  loggedIn(fx.member());
  const page = await openPage('pages/me/index');
  const targets = {
    'entry-profile': '/packages/me/profile/index',
    'entry-checkins': '/packages/me/checkins/index',
    'entry-results': '/packages/me/results/index',
    'entry-reports': '/packages/reports/mine/index',
    'entry-track': '/packages/reports/track/index',
    'entry-privacy': '/packages/me/privacy/index',
  };

  for (const id of Object.keys(targets)) {
    page.querySelector(`#${id}`).dispatchEvent('tap');
  }
  await settle();

  expect(wx.navigateTo.mock.calls.map(([options]) => options.url)).toEqual(Object.values(targets));
});

test('logged out: no request and no silent login; 微信登录 logs in and shows me', async () => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
  api.on('GET', '/me/subscriptions', [200, []]);

  const page = await openPage('pages/me/index');

  expect(text(page)).toContain('您尚未登录');
  expect(text(page)).not.toContain('我的成绩');
  expect(text(page)).toContain('进度查询');
  expect(api.calls).toHaveLength(0);
  expect(wx.login).not.toHaveBeenCalled();

  await page.instance.login();
  await settle();

  expect(wx.login).toHaveBeenCalledTimes(1);
  expect(wx.getStorageSync('session.token')).toBe('token-42');
  expect(text(page)).toContain('王会员');
  expect(text(page)).toContain('我的成绩');
  expect(page.querySelector('#notify')).toBeUndefined();
});

test('consent: only the templates I accepted are recorded, and the count follows the server', async () => {
  loggedIn(fx.member());
  api.on('GET', '/me/subscriptions', [200, [
    {kind: 'report_status', template_id: STATUS_TEMPLATE, credits: 2},
    {kind: 'report_status', template_id: OTHER_TEMPLATE, credits: 0},
  ]]);
  api.on('POST', '/me/subscriptions', ({data}) => [201, {template_id: data.template_id, credits: 3}]);
  wx.requestSubscribeMessage.mockImplementation((options) =>
    options.success({errMsg: 'requestSubscribeMessage:ok', [STATUS_TEMPLATE]: 'accept', [OTHER_TEMPLATE]: 'reject'}),
  );
  const page = await openPage('pages/me/index');

  await page.instance.subscribe();
  await settle();

  expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual([STATUS_TEMPLATE, OTHER_TEMPLATE]);
  const posts = api.sent('POST', '/me/subscriptions');
  expect(posts.map((call) => call.data)).toEqual([{template_id: STATUS_TEMPLATE}]);
  expect(text(page)).toContain('还可接收 3 条办理进度通知');
});

test('consent refused: nothing is recorded', async () => {
  loggedIn(fx.member());
  wx.requestSubscribeMessage.mockImplementation((options) =>
    options.success({errMsg: 'requestSubscribeMessage:ok', [STATUS_TEMPLATE]: 'reject'}),
  );
  const page = await openPage('pages/me/index');

  await page.instance.subscribe();

  expect(api.sent('POST', '/me/subscriptions')).toHaveLength(0);
  expect(wx.toasts()).toContain('您未同意接收通知');
  expect(text(page)).toContain('还可接收 2 条办理进度通知');
});

test('consent switched off in WeChat: says where to turn it on, records nothing', async () => {
  loggedIn(fx.member());
  wx.requestSubscribeMessage.mockImplementation((options) =>
    options.fail({errMsg: 'requestSubscribeMessage:fail', errCode: 20004}),
  );
  const page = await openPage('pages/me/index');

  await page.instance.subscribe();

  expect(api.sent('POST', '/me/subscriptions')).toHaveLength(0);
  expect(wx.showModal.mock.calls[0][0].content).toContain('打开“接收订阅消息”');
});

test('a consent the server could not record leaves the count as it was', async () => {
  loggedIn(fx.member());
  api.on('POST', '/me/subscriptions', error(503, 'unavailable', '服务暂时不可用，请稍后重试'));
  wx.requestSubscribeMessage.mockImplementation((options) =>
    options.success({errMsg: 'requestSubscribeMessage:ok', [STATUS_TEMPLATE]: 'accept'}),
  );
  const page = await openPage('pages/me/index');

  await page.instance.subscribe();
  await settle();

  expect(api.sent('POST', '/me/subscriptions')).toHaveLength(1);
  expect(wx.toasts()).toEqual(['服务暂时不可用，请稍后重试']);
  expect(wx.showModal).not.toHaveBeenCalled();
  expect(text(page)).toContain('还可接收 2 条办理进度通知');
  expect(page.data.subscribing).toBe(false);
});

test('no notification template offered: the consent card stays hidden', async () => {
  loggedIn(fx.member());
  api.on('GET', '/me/subscriptions', [200, []]);

  const page = await openPage('pages/me/index');

  expect(page.querySelector('#notify')).toBeUndefined();
});

test('log out forgets the session, the avatar and every quiz queue, and nothing else', async () => {
  loggedIn(fx.member(), {
    'me.avatar': 'wxfile://usr/avatar-1.jpg',
    'quiz.queue.31': [{question_id: 1, choices: ['A']}],
    'quiz.leaves.31': {seq: 2},
    'reports.draft': {title: '草稿'},
    'sites.filter': {type: 'hall'},
  });
  const page = await openPage('pages/me/index');

  page.querySelector('#logout').dispatchEvent('tap');
  await settle();

  expect(wx.showModal).toHaveBeenCalledTimes(1);
  expect(Array.from(wx.disk.keys()).sort()).toEqual(['reports.draft', 'sites.filter']);
  expect(fs.removeSavedFile.mock.calls[0][0].filePath).toBe('wxfile://usr/avatar-1.jpg');
  expect(text(page)).toContain('您尚未登录');
  expect(text(page)).toContain('微信登录');
  expect(wx.login).not.toHaveBeenCalled();
});

test('log out cancelled: everything stays', async () => {
  loggedIn(fx.member(), {'me.avatar': 'wxfile://usr/avatar-1.jpg', 'quiz.queue.31': []});
  wx.showModal.mockImplementation((options) => options.success({confirm: false, cancel: true}));
  const page = await openPage('pages/me/index');

  expect(await page.instance.logout()).toBe(false);

  expect(Array.from(wx.disk.keys()).sort()).toEqual(['me.avatar', 'quiz.queue.31', 'session.member', 'session.token']);
  expect(text(page)).toContain('王会员');
});
