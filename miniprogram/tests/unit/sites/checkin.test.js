const {installWx, answer} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const sx = require('../../helpers/fixtures-sites');


const SCENE = 's=12&t=AbCdEfGh_-12';
// How WeChat hands a code's scene to the page.
const ENCODED = encodeURIComponent(SCENE);

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
});

afterEach(() => closePages());

function refuseLocation(errMsg = 'getLocation:fail auth deny') {
  wx.getLocation.mockImplementation((options) => answer(options, false, {errMsg}).catch(() => {}));
}

function serve({site = sx.site(), answerWith = [201, sx.checkin()]} = {}) {
  api.on('GET', '/sites/:id', [200, site]);
  api.on('POST', '/sites/:id/checkins', answerWith);
}

const status = (page) => text(page.querySelector('#status'));

test('checks in from the printed code and celebrates, modestly, with the date', async () => {
  serve();

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(text(page.querySelector('#site'))).toContain('椒江区清廉文化大厅');
  const [post] = api.sent('POST', '/sites/12/checkins');
  // The site does not need the location and the member has not allowed it: no prompt, none sent.
  expect(post.data).toEqual({scene: SCENE});
  expect(wx.getLocation).not.toHaveBeenCalled();
  expect(post.header.Authorization).toBe('Bearer token-42');
  expect(status(page)).toContain('打卡成功');
  // 01:30 UTC is 09:30 in Beijing.
  expect(status(page)).toContain('2026年12月8日（周二） 09:30');
  page.querySelector('#my-checkins').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/me/checkins/index'});
});

test('sends the location when the member has already allowed it', async () => {
  serve();
  wx.getSetting.mockImplementation((options) => answer(options, true, {authSetting: {'scope.userLocation': true}}));

  await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(api.sent('POST', '/sites/12/checkins')[0].data).toEqual({scene: SCENE, lat: 28.656, lng: 121.421});
  expect(wx.getLocation).toHaveBeenCalledWith(expect.objectContaining({type: 'gcj02', isHighAccuracy: true}));
});

test('a site that requires the location asks for it and sends it', async () => {
  serve({site: sx.site({location_required: true, checkin_radius_m: 500})});

  const page = await openPage('packages/sites/checkin/index', {scene: SCENE});

  expect(api.sent('POST', '/sites/12/checkins')[0].data).toEqual({scene: SCENE, lat: 28.656, lng: 121.421});
  expect(status(page)).toContain('打卡成功');
});

test('too far: says how far, offers to navigate and to try again', async () => {
  serve({
    site: sx.site({location_required: true}),
    answerWith: error(422, 'too_far', '您距离该阵地约 3.2 公里，须在 1 公里范围内才能打卡', {location: ['…']}),
  });

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain('离阵地还有点远');
  expect(status(page)).toContain('您距离该阵地约 3.2 公里，须在 1 公里范围内才能打卡');
  page.querySelector('#action-navigate').dispatchEvent('tap');
  await settle();
  expect(wx.openLocation).toHaveBeenCalledWith(expect.objectContaining({latitude: 28.6562, longitude: 121.4208, name: '椒江区清廉文化大厅'}));

  api.on('POST', '/sites/:id/checkins', [201, sx.checkin()]);
  page.querySelector('#action-retry').dispatchEvent('tap');
  await settle();
  expect(api.sent('POST', '/sites/12/checkins')).toHaveLength(2);
  expect(status(page)).toContain('打卡成功');
  expect(wx.showToast).not.toHaveBeenCalled();
});

test('already checked in today (the server says so) points to 我的打卡', async () => {
  serve({answerWith: error(409, 'already_checked_in', '您今天已在该阵地打过卡，明天再来吧')});

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain('今天已经打过卡了');
  expect(status(page)).toContain('您今天已在该阵地打过卡，明天再来吧');
  page.querySelector('#action-checkins').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/me/checkins/index'});
});

test('already checked in today (the site says so) does not send a check-in at all', async () => {
  serve({site: sx.site({checked_in_today: true})});

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain('今天已经打过卡了');
  expect(api.sent('POST', '/sites/12/checkins')).toHaveLength(0);
});

test.each([
  ['scene_invalid', '二维码无效或已更换，请扫描阵地现场最新的二维码', '二维码无效', 'rescan'],
  ['scene_mismatch', '该二维码不属于此阵地，请扫描本阵地的二维码', '二维码与阵地不符', 'rescan'],
  ['site_disabled', '该阵地已暂停开放，暂不能打卡', '阵地暂停开放', 'map'],
])('a refusal %s is explained with the server\'s words', async (reason, message, title, action) => {
  const status422or409 = reason === 'site_disabled' ? 409 : 422;
  serve({answerWith: error(status422or409, reason, message, {scene: [message]})});

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain(title);
  expect(status(page)).toContain(message);
  expect(page.querySelector(`#action-${action}`)).toBeTruthy();
});

test('a forged code offers to scan again, replacing this page', async () => {
  serve({answerWith: error(422, 'scene_invalid', '二维码无效或已更换，请扫描阵地现场最新的二维码')});
  wx.scanCode.mockImplementation((options) => answer(options, true, {path: 'packages/sites/checkin/index?scene=s%3D13%26t%3DZyXwVuTs_-98'}));
  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  page.querySelector('#action-rescan').dispatchEvent('tap');
  await settle();

  expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/sites/checkin/index?scene=s%3D13%26t%3DZyXwVuTs_-98'});
});

test('a site that no longer exists says so and offers the map', async () => {
  api.on('GET', '/sites/:id', error(404, 'site_not_found', '阵地不存在或已停用'));

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain('找不到这处阵地');
  expect(status(page)).toContain('阵地不存在或已停用');
  page.querySelector('#action-map').dispatchEvent('tap');
  await settle();
  expect(wx.switchTab).toHaveBeenCalledWith({url: '/pages/map/index'});
  expect(api.sent('POST', '/sites/12/checkins')).toHaveLength(0);
});

test('location needed and refused: says how to allow it, and checks in once allowed', async () => {
  serve({site: sx.site({location_required: true})});
  refuseLocation();

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain('需要您的位置');
  expect(status(page)).toContain('在设置页打开“位置信息”');
  expect(api.sent('POST', '/sites/12/checkins')).toHaveLength(0);

  wx.openSetting.mockImplementation((options) => answer(options, true, {authSetting: {'scope.userLocation': true}}));
  wx.getLocation.mockImplementation((options) => answer(options, true, {latitude: 28.6561, longitude: 121.4207}));
  page.querySelector('#action-settings').dispatchEvent('tap');
  await settle();

  expect(api.sent('POST', '/sites/12/checkins')[0].data).toEqual({scene: SCENE, lat: 28.6561, lng: 121.4207});
  expect(status(page)).toContain('打卡成功');
});

test('location needed but the phone\'s location is off, or the privacy notice was declined', async () => {
  serve({site: sx.site({location_required: true})});
  refuseLocation('getLocation:fail system permission denied');
  let page = await openPage('packages/sites/checkin/index', {scene: ENCODED});
  expect(status(page)).toContain('手机定位未开启');
  closePages();

  refuseLocation('getLocation:fail privacy permission is not authorized');
  page = await openPage('packages/sites/checkin/index', {scene: ENCODED});
  expect(status(page)).toContain('需要您同意隐私保护指引');
  expect(page.querySelector('#action-retry')).toBeTruthy();
});

test('the server asking for the location is explained too', async () => {
  serve({answerWith: error(422, 'location_required', '该阵地须定位打卡，请允许获取位置后重试')});

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain('需要您的位置');
  expect(status(page)).toContain('该阵地须定位打卡，请允许获取位置后重试');
  expect(page.querySelector('#action-settings')).toBeTruthy();
});

test('a lost network is explained and the check-in can be sent again', async () => {
  serve();
  api.on('POST', '/sites/:id/checkins', 'network');

  const page = await openPage('packages/sites/checkin/index', {scene: ENCODED});

  expect(status(page)).toContain('网络不给力');
  api.on('POST', '/sites/:id/checkins', [201, sx.checkin()]);
  page.querySelector('#action-retry').dispatchEvent('tap');
  await settle();
  expect(status(page)).toContain('打卡成功');
});

test.each([[undefined], [''], ['hello'], ['s%3Dabc%26t%3Dxyz'], ['%E0%A4%A']])(
  'a scene that is not a site code (%s) gets a clear message and no request',
  async (junk) => {
    const page = await openPage('packages/sites/checkin/index', junk === undefined ? {} : {scene: junk});

    expect(status(page)).toContain('这不是阵地打卡码');
    expect(api.calls).toHaveLength(0);
    expect(page.querySelector('#rescan')).toBeTruthy();
  },
);
