// Journeys: a member joins their association; a member checks in at a culture site by its code.
const {installWx} = require('../helpers/wx');
const {openPage, closePages, text} = require('../helpers/page');
const {connect, api, download, adminToken, waitFor} = require('./bridge');
const {textChunks} = require('./png');

afterEach(() => closePages());

test('a member logs in, finds their association by name and joins it; the home page shows it', async () => {
  const wx = installWx();
  connect(wx, 'e2e_join');

  const profile = await openPage('packages/me/profile/index');
  await waitFor(() => profile.data.saved !== undefined && wx.getStorageSync('session.token'), 15000, 'login');
  const picker = profile.querySelector('#picker');
  picker.instance.open();
  picker.instance.onInput({detail: {value: '建筑'}});
  await waitFor(() => picker.data.loaded && picker.data.items.length, 15000, 'search results');
  const wanted = picker.data.items[0];
  expect(wanted.name).toContain('建筑');
  picker.querySelector('.option').dispatchEvent('tap');
  await waitFor(() => profile.data.associationId === wanted.id && !profile.data.associationError && profile.data.associationName, 15000, 'the association to be saved');

  const token = wx.getStorageSync('session.token');
  const me = await api('GET', '/api/v1/me', {token});
  expect(me.data.association.id).toBe(wanted.id);
  closePages();
  const home = await openPage('pages/home/index');
  await waitFor(() => !home.data.loading, 15000, 'home');
  expect(text(home)).toContain(wanted.name);
});

test('a member scans a site code printed from the console and checks in once a day', async () => {
  const admin = await adminToken();
  const {data: list} = await api('GET', '/api/v1/sites?page_size=1');
  const site = list.items[0];
  const png = await download(`/api/v1/admin/sites/${site.id}/qrcode`, admin);
  expect(png.statusCode).toBe(200);
  const {scene, page} = textChunks(png.body);
  expect(page).toBe('packages/sites/checkin/index');
  expect(scene).toMatch(/^s=\d+&t=/);

  const wx = installWx();
  const net = connect(wx, 'e2e_checkin');
  wx.getLocation.mockImplementation((options) => options.success({latitude: site.lat, longitude: site.lng, accuracy: 10}));
  wx.getSetting.mockImplementation((options) => options.success({authSetting: {'scope.userLocation': true}}));

  // WeChat opens the code's page with the scene URL-encoded, as a phone does.
  const checkin = await openPage(page, {scene: encodeURIComponent(scene)});
  await waitFor(() => ['done', 'refused'].includes(checkin.data.state), 15000, 'the check-in');
  expect(checkin.data.refusal).toBeNull();
  expect(checkin.data.state).toBe('done');
  expect(text(checkin)).toContain('打卡成功');
  const sent = net.log.find((entry) => entry.url.endsWith(`/api/v1/sites/${site.id}/checkins`));
  expect(JSON.parse(sent.body).scene).toBe(scene);

  const token = wx.getStorageSync('session.token');
  const footprint = await api('GET', '/api/v1/me/checkins', {token});
  expect(footprint.data.items.map((item) => item.site.id)).toEqual([site.id]);

  closePages();
  const again = await openPage(page, {scene: encodeURIComponent(scene)});
  await waitFor(() => again.data.state === 'refused', 15000, 'the second check-in to be refused');
  expect(text(again)).toMatch(/今天已在这里打过卡/);

  // Another member with a code whose signature was tampered with is refused by the server.
  closePages();
  const other = installWx();
  const otherNet = connect(other, 'e2e_forger');
  other.getLocation.mockImplementation((options) => options.success({latitude: site.lat, longitude: site.lng, accuracy: 10}));
  const forgedScene = scene.replace(/t=.{4}/, 't=AAAA');
  const forged = await openPage(page, {scene: encodeURIComponent(forgedScene)});
  await waitFor(() => forged.data.state === 'refused', 15000, 'the forged code to be refused');
  const attempt = otherNet.log.find((entry) => entry.url.endsWith(`/api/v1/sites/${site.id}/checkins`));
  expect(JSON.parse(attempt.body).scene).toBe(forgedScene);
  expect(text(forged)).toContain('二维码无效或已更换');
  const none = await api('GET', '/api/v1/me/checkins', {token: other.getStorageSync('session.token')});
  expect(none.data.total).toBe(0);
});
