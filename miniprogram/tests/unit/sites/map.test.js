const {installWx, answer} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const sx = require('../../helpers/fixtures-sites');

// The first page test of a run compiles every template and transforms tdesign.

let wx;
let api;
let mapCtx;

const ROWS = [
  [12, 28.6562, 121.4208, 0],
  [13, 28.58, 121.36, 1],
  [14, 28.5, 121.3, 0],
];

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
  // The shared fake map context lacks addMarkers, which the page uses to add markers in slices.
  mapCtx = {initMarkerCluster: jest.fn(), addMarkers: jest.fn(), on: jest.fn()};
  wx.createMapContext = jest.fn(() => mapCtx);
  api.on('GET', '/districts', [200, sx.districts]);
  serveMarkers();
});

function serveMarkers() {
  api.on('GET', '/sites/markers', ({query}) => [200, sx.markers(query.district === '331003' ? [ROWS[1]] : ROWS)]);
}

/** Answer GET /sites/{id} (the markers route, which the pattern would also match, keeps its own). */
function serveSite(handler) {
  api.on('GET', '/sites/:id', handler);
  serveMarkers();
}

afterEach(() => closePages());

const lastMarkers = () => mapCtx.addMarkers.mock.calls[mapCtx.addMarkers.mock.calls.length - 1][0];

function refuseLocation(errMsg = 'getLocation:fail auth deny') {
  wx.getLocation.mockImplementation((options) => answer(options, false, {errMsg}).catch(() => {}));
}

test('puts every site on the map as a clustered pin of its type, with type filters from the API', async () => {
  const page = await openPage('pages/map/index');

  expect(wx.createMapContext).toHaveBeenCalledWith('site-map', page.instance);
  expect(mapCtx.initMarkerCluster).toHaveBeenCalledWith({enableDefaultStyle: true, zoomOnClick: true, gridSize: 60});
  expect(lastMarkers()).toEqual({
    clear: true,
    markers: [
      {id: 12, latitude: 28.6562, longitude: 121.4208, iconPath: '/assets/markers/hall.png', width: 30, height: 35, joinCluster: true},
      {id: 13, latitude: 28.58, longitude: 121.36, iconPath: '/assets/markers/corridor.png', width: 30, height: 35, joinCluster: true},
      {id: 14, latitude: 28.5, longitude: 121.3, iconPath: '/assets/markers/hall.png', width: 30, height: 35, joinCluster: true},
    ],
  });
  const shown = text(page);
  expect(shown).toContain('全部3');
  expect(shown).toContain('清廉大厅2');
  expect(shown).toContain('清廉文化长廊1');
  // Types without sites here are not offered.
  expect(shown).not.toContain('廉政教育基地');
  expect(api.sent('GET', '/sites/markers')[0].header.Authorization).toBeUndefined();
});

test('thousands of sites go to the map in slices, the first clearing the last filter\'s', async () => {
  const many = Array.from({length: 1200}, (_, i) => [i + 1, 28 + i / 10000, 121 + i / 10000, i % 3]);
  api.on('GET', '/sites/markers', [200, sx.markers(many)]);

  const page = await openPage('pages/map/index');

  expect(mapCtx.addMarkers.mock.calls.map(([options]) => [options.markers.length, options.clear])).toEqual([
    [500, true],
    [500, false],
    [200, false],
  ]);
  expect(page.data.shownCount).toBe(1200);
});

test('我的位置 centres the map on the member without asking for the location again', async () => {
  wx.getLocation.mockImplementation((options) => answer(options, true, {latitude: 28.38, longitude: 121.37}));
  const page = await openPage('pages/map/index');
  expect(page.data.center).toEqual({latitude: 28.656, longitude: 121.421});
  expect(page.data.scale).toBe(9);

  page.querySelector('#locate').dispatchEvent('tap');
  await settle();

  expect(page.data.center).toEqual({latitude: 28.38, longitude: 121.37});
  expect(page.data.scale).toBe(14);
  expect(wx.getLocation).toHaveBeenCalledTimes(1);
});

test('a type filter changes the pins without asking the server again', async () => {
  const page = await openPage('pages/map/index');

  page.querySelector('#type-corridor').dispatchEvent('tap');
  await settle();

  expect(lastMarkers().markers.map((marker) => marker.id)).toEqual([13]);
  expect(lastMarkers().clear).toBe(true);
  expect(api.sent('GET', '/sites/markers')).toHaveLength(1);
  expect(page.querySelector('#type-corridor').dom.className).toContain('chip--on');
});

test('a district filter asks the server for that district', async () => {
  const page = await openPage('pages/map/index');
  expect(text(page)).toContain('全部区县');

  await page.instance.onDistrictChange({detail: {value: 2}});
  await settle();

  expect(api.sent('GET', '/sites/markers')[1].query).toEqual({district: '331003'});
  expect(lastMarkers().markers.map((marker) => marker.id)).toEqual([13]);
  expect(text(page)).toContain('黄岩区');
});

test('tapping a pin shows a card with the distance and whether it is open, and opens the detail', async () => {
  serveSite([200, sx.site({distance_m: 850, open_now: true})]);
  const page = await openPage('pages/map/index');

  await page.instance.onMarkerTap({detail: {markerId: 12}});
  await settle();

  const sent = api.sent('GET', '/sites/12')[0];
  expect(sent.query).toEqual({lat: '28.656', lng: '121.421'});
  expect(sent.header.Authorization).toBeUndefined();

  const card = text(page.querySelector('#card'));
  expect(card).toContain('椒江区清廉文化大厅');
  expect(card).toContain('清廉大厅');
  expect(card).toContain('开放中');
  expect(card).toContain('距您 850 米');
  page.querySelector('#card-detail').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/sites/detail/index?id=12'});
});

test('a card without a location shows no distance, and says so when the site cannot be loaded', async () => {
  refuseLocation();
  serveSite(({params}) => (params.id === '12' ? [200, sx.site({open_now: false})] : error(404, 'site_not_found', '阵地不存在或已停用')));
  const page = await openPage('pages/map/index');

  await page.instance.onMarkerTap({detail: {markerId: 12}});
  await settle();
  expect(api.sent('GET', '/sites/12')[0].query).toEqual({});
  expect(text(page.querySelector('#card'))).toContain('未开放');
  expect(text(page.querySelector('#card'))).not.toContain('距您');

  await page.instance.onMarkerTap({detail: {markerId: 99}});
  await settle();
  expect(text(page.querySelector('#card'))).toContain('阵地不存在或已停用');
  page.querySelector('#card-close').dispatchEvent('tap');
  await settle();
  expect(page.querySelector('#card')).toBeFalsy();
});

test('with location allowed the list is nearest first with distances', async () => {
  api.on('GET', '/sites', ({query}) => {
    expect(query).toMatchObject({lat: '28.656', lng: '121.421', page: '1', page_size: '20'});
    return [200, fx.page([sx.siteItem({distance_m: 850}), sx.siteItem({id: 13, name: '路桥清廉文化长廊', type: 'corridor', distance_m: 1234, open_now: null})])];
  });
  const page = await openPage('pages/map/index');

  page.querySelector('#show-list').dispatchEvent('tap');
  await settle();

  expect(wx.getLocation).toHaveBeenCalledWith(expect.objectContaining({type: 'gcj02'}));
  const shown = text(page);
  expect(shown).toContain('离您由近到远 · 共 2 处');
  expect(text(page.querySelector('#site-12'))).toContain('850 米');
  expect(text(page.querySelector('#site-13'))).toContain('1.2 公里');
  expect(text(page.querySelector('#site-13'))).toContain('清廉文化长廊');
  expect(page.querySelector('#location-note')).toBeFalsy();
  expect(shown).toContain('已显示全部');
  page.querySelector('#site-13').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/sites/detail/index?id=13'});
});

test('with location refused the list is plain, with a gentle way to allow it later', async () => {
  refuseLocation();
  api.on('GET', '/sites', ({query}) =>
    [200, fx.page([sx.siteItem(query.lat ? {distance_m: 640} : {})])],
  );
  const page = await openPage('pages/map/index');

  page.querySelector('#show-list').dispatchEvent('tap');
  await settle();

  expect(api.sent('GET', '/sites')[0].query.lat).toBeUndefined();
  expect(text(page)).toContain('按区县排列');
  expect(text(page.querySelector('#location-note'))).toContain('您未允许获取位置');
  expect(text(page.querySelector('#site-12'))).not.toContain('米');

  // The member allows it in WeChat's settings page and comes back.
  wx.openSetting.mockImplementation((options) => answer(options, true, {authSetting: {'scope.userLocation': true}}));
  wx.getLocation.mockImplementation((options) => answer(options, true, {latitude: 28.6, longitude: 121.4}));
  await page.instance.allowLocation();
  await settle();

  expect(wx.openSetting).toHaveBeenCalled();
  expect(api.sent('GET', '/sites')[1].query).toMatchObject({lat: '28.6', lng: '121.4'});
  expect(page.querySelector('#location-note')).toBeFalsy();
  expect(text(page.querySelector('#site-12'))).toContain('640 米');
});

test('when the phone cannot locate, the note offers to try again rather than settings', async () => {
  refuseLocation('getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF');
  api.on('GET', '/sites', [200, fx.page([sx.siteItem()])]);
  const page = await openPage('pages/map/index');
  page.querySelector('#show-list').dispatchEvent('tap');
  await settle();

  expect(text(page.querySelector('#location-note'))).toContain('手机定位服务未开启');
  page.querySelector('#allow-location').dispatchEvent('tap');
  await settle();
  expect(wx.openSetting).not.toHaveBeenCalled();
  expect(wx.getLocation).toHaveBeenCalledTimes(2);
});

test('the list loads page by page, with the filters', async () => {
  const items = Array.from({length: 25}, (_, i) => sx.siteItem({id: 100 + i, name: `阵地${i + 1}`}));
  api.on('GET', '/sites', ({query}) => {
    const page = Number(query.page);
    return [200, fx.page(items.slice((page - 1) * 20, page * 20), {total: 25, page})];
  });
  const page = await openPage('pages/map/index');
  page.querySelector('#type-hall').dispatchEvent('tap');
  page.querySelector('#show-list').dispatchEvent('tap');
  await settle();

  expect(page.data.list.items).toHaveLength(20);
  expect(api.sent('GET', '/sites')[0].query.type).toBe('hall');
  expect(text(page)).not.toContain('已显示全部');

  await page.instance.onReachBottom();
  await settle();
  expect(api.sent('GET', '/sites')[1].query.page).toBe('2');
  expect(page.data.list.items).toHaveLength(25);
  expect(text(page)).toContain('阵地25');
  expect(text(page)).toContain('已显示全部');

  await page.instance.onReachBottom();
  expect(api.sent('GET', '/sites')).toHaveLength(2);
});

test('an empty list and a failed list say so', async () => {
  let fail = true;
  api.on('GET', '/sites', () => (fail ? error(503, 'maintenance', '系统维护中，请稍后再试') : [200, fx.page([])]));
  const page = await openPage('pages/map/index');
  page.querySelector('#show-list').dispatchEvent('tap');
  await settle();
  expect(text(page.querySelector('#list-error'))).toContain('系统维护中，请稍后再试');

  fail = false;
  await page.instance.retryList();
  await settle();
  expect(text(page)).toContain('没有符合条件的阵地');
});

test('markers that fail to load can be reloaded', async () => {
  let fail = true;
  api.on('GET', '/sites/markers', () => (fail ? error(500, 'internal_error', '服务器开小差了') : [200, sx.markers(ROWS)]));
  const page = await openPage('pages/map/index');
  expect(text(page.querySelector('#markers-error'))).toContain('服务器开小差了');

  fail = false;
  await page.instance.loadMarkers();
  await settle();
  expect(page.querySelector('#markers-error')).toBeFalsy();
  expect(lastMarkers().markers).toHaveLength(3);
});

test('the map stays under the list: a type chosen there changes the pins too', async () => {
  api.on('GET', '/sites', [200, fx.page([])]);
  const page = await openPage('pages/map/index');
  page.querySelector('#show-list').dispatchEvent('tap');
  await settle();
  expect(page.querySelector('.map-area').dom.className).toContain('map-area--hidden');

  page.querySelector('#type-corridor').dispatchEvent('tap');
  await settle();
  page.querySelector('#show-map').dispatchEvent('tap');
  await settle();

  expect(page.querySelector('.map-area').dom.className).not.toContain('map-area--hidden');
  expect(wx.createMapContext).toHaveBeenCalledTimes(1);
  expect(mapCtx.initMarkerCluster).toHaveBeenCalledTimes(1);
  expect(lastMarkers().markers.map((marker) => marker.id)).toEqual([13]);
  expect(api.sent('GET', '/sites')[1].query.type).toBe('corridor');
});

test('扫码打卡 opens the check-in page of a site code and explains anything else', async () => {
  const page = await openPage('pages/map/index');

  wx.scanCode.mockImplementation((options) => answer(options, true, {scanType: 'WX_CODE', path: 'packages/sites/checkin/index?scene=s%3D12%26t%3DAbCdEfGh_-12'}));
  page.querySelector('#scan').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/sites/checkin/index?scene=s%3D12%26t%3DAbCdEfGh_-12'});

  wx.scanCode.mockImplementation((options) => answer(options, true, {scanType: 'QR_CODE', result: 'https://example.com/', path: ''}));
  page.querySelector('#scan').dispatchEvent('tap');
  await settle();
  expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({title: '不是阵地打卡码'}));
  expect(wx.navigateTo).toHaveBeenCalledTimes(1);
});
