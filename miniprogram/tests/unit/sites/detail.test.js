const {installWx, answer} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures');
const sx = require('../../helpers/fixtures-sites');


let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(fx.member());
  // Not in the shared fake wx.
  wx.makePhoneCall = jest.fn((options) => answer(options, true));
});

afterEach(() => closePages());

test('shows photos, type, district, address, phone, hours in words, description, host and check-ins', async () => {
  api.on('GET', '/sites/:id', [200, sx.site({checked_in_today: true})]);

  const page = await openPage('packages/sites/detail/index', {id: '12'});

  const sent = api.sent('GET', '/sites/12')[0];
  expect(sent.header.Authorization).toBe('Bearer token-42');
  expect(page.data.photos.map((photo) => photo.url)).toEqual([
    'http://127.0.0.1:5000/api/v1/sites/12/photos/3',
    'http://127.0.0.1:5000/api/v1/sites/12/photos/4',
  ]);
  expect(page.querySelectorAll('.photo')).toHaveLength(2);
  const shown = text(page);
  expect(shown).toContain('椒江区清廉文化大厅');
  expect(shown).toContain('清廉大厅');
  expect(shown).toContain('开放中');
  expect(shown).toContain('椒江区');
  expect(shown).toContain('台州市椒江区市府大道 100 号');
  expect(shown).toContain('0576-88888888');
  expect(text(page.querySelector('#association'))).toContain('台州市椒江区建筑业协会');
  expect(text(page.querySelector('#hours'))).toBe('周一至周五09:00–17:00周六、周日休息节假日以现场公告为准');
  expect(text(page.querySelector('#description'))).toContain('设有廉政教育展板和互动答题区。');
  expect(page.querySelectorAll('.paragraph')).toHaveLength(2);
  expect(text(page.querySelector('#facts'))).toContain('128');
  expect(text(page.querySelector('#today'))).toContain('已打卡');
  expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({title: '椒江区清廉文化大厅'});
});

test('导航 opens WeChat\'s map at the site; the phone number calls; a photo opens full screen', async () => {
  api.on('GET', '/sites/:id', [200, sx.site({lat: 28.65621, lng: 121.42083})]);
  const page = await openPage('packages/sites/detail/index', {id: '12'});

  page.querySelector('#navigate').dispatchEvent('tap');
  page.querySelector('#phone').dispatchEvent('tap');
  page.querySelectorAll('.photo')[1].dispatchEvent('tap');
  await settle();

  expect(wx.openLocation).toHaveBeenCalledWith({
    latitude: 28.65621,
    longitude: 121.42083,
    name: '椒江区清廉文化大厅',
    address: '台州市椒江区市府大道 100 号',
    scale: 16,
  });
  expect(wx.makePhoneCall).toHaveBeenCalledWith({phoneNumber: '0576-88888888'});
  expect(wx.previewImage).toHaveBeenCalledWith({
    urls: ['http://127.0.0.1:5000/api/v1/sites/12/photos/3', 'http://127.0.0.1:5000/api/v1/sites/12/photos/4'],
    current: 'http://127.0.0.1:5000/api/v1/sites/12/photos/4',
  });
});

test('a site without photos, phone, hours or description still reads well', async () => {
  api.on('GET', '/sites/:id', [200, sx.site({photos: [], phone: null, hours: null, open_now: null, paragraphs: [], description: '', association: null, checked_in_today: false})]);
  const page = await openPage('packages/sites/detail/index', {id: '12'});

  expect(page.querySelectorAll('.photo')).toHaveLength(0);
  expect(page.querySelector('#phone')).toBeFalsy();
  expect(page.querySelector('#association')).toBeFalsy();
  expect(page.querySelector('#description')).toBeFalsy();
  expect(text(page.querySelector('#hours'))).toContain('暂无开放时间信息');
  expect(text(page)).not.toContain('开放中');
  expect(text(page.querySelector('#today'))).toContain('未打卡');
});

test('扫码打卡 opens the check-in page for the scanned code', async () => {
  api.on('GET', '/sites/:id', [200, sx.site()]);
  wx.scanCode.mockImplementation((options) => answer(options, true, {path: '/packages/sites/checkin/index?scene=s%3D12%26t%3DAbCdEfGh_-12'}));
  const page = await openPage('packages/sites/detail/index', {id: '12'});

  page.querySelector('#scan').dispatchEvent('tap');
  await settle();

  expect(wx.scanCode).toHaveBeenCalledWith(expect.objectContaining({scanType: ['wxCode', 'qrCode']}));
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/sites/checkin/index?scene=s%3D12%26t%3DAbCdEfGh_-12'});
});

test('coming back from a check-in refreshes "checked in today"', async () => {
  let checkedIn = false;
  api.on('GET', '/sites/:id', () => [200, sx.site({checked_in_today: checkedIn, checkin_count: checkedIn ? 129 : 128})]);
  const page = await openPage('packages/sites/detail/index', {id: '12'});
  expect(text(page.querySelector('#today'))).toContain('未打卡');

  checkedIn = true;
  await page.instance.onShow();
  await settle();

  expect(text(page.querySelector('#today'))).toContain('已打卡');
  expect(text(page.querySelector('#facts'))).toContain('129');
  page.querySelector('#today').dispatchEvent('tap');
  await settle();
  expect(wx.navigateTo).toHaveBeenCalledWith({url: '/packages/me/checkins/index'});
});

test('a retired site says so and offers the map; a network failure offers to reload', async () => {
  api.on('GET', '/sites/:id', error(404, 'site_not_found', '阵地不存在或已停用'));
  let page = await openPage('packages/sites/detail/index', {id: '12'});
  expect(text(page.querySelector('#error'))).toContain('阵地不存在或已停用');
  expect(text(page.querySelector('#error'))).toContain('看看其他阵地');
  closePages();

  api.offline(true);
  page = await openPage('packages/sites/detail/index', {id: '12'});
  await new Promise((resolve) => setTimeout(resolve, 2600));
  await settle();
  expect(text(page.querySelector('#error'))).toContain('网络不给力');
  api.offline(false);
  api.on('GET', '/sites/:id', [200, sx.site()]);
  await page.instance.retry();
  await settle();
  expect(text(page)).toContain('椒江区清廉文化大厅');
});
