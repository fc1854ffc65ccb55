// One picture per page, each in the state a member would see it, against the real backend and
// its demo data. Run with `make previews`; the PNGs land in docs/miniprogram/.
const {installWx} = require('../helpers/wx');
const {openPage, closePages} = require('../helpers/page');
const {connect, api, adminToken, waitFor} = require('../e2e/bridge');
const {state} = require('../e2e/backend');
const {keysOf, letters} = require('../e2e/quiz');
const render = require('./render');

const MEMBER = 'preview_wang';
let wx;
let token;
let admin;

beforeAll(async () => {
  render.start();
  admin = await adminToken();
});
afterAll(() => render.stop());
afterEach(() => closePages());

/** A logged-in member with a nickname and an association, as most members are. */
async function member() {
  wx = installWx();
  connect(wx, MEMBER);
  const login = await api('POST', '/api/v1/auth/login', {body: {code: `${MEMBER}.${Date.now()}`}});
  token = login.data.token;
  wx.setStorageSync('session.token', token);
  const {data: found} = await api('GET', '/api/v1/associations?q=%E5%BB%BA%E7%AD%91&page_size=1');
  const {data: me} = await api('PATCH', '/api/v1/me', {token, body: {nickname: '王经理', association_id: found.items[0].id}});
  wx.setStorageSync('session.member', me);
  return me;
}

async function shoot(route, query = {}, ready = (page) => page.data.loading === false || page.data.loading === undefined) {
  const page = await openPage(route, query);
  await waitFor(() => ready(page), 20000, `${route} to be ready`).catch((error) => {
    throw new Error(`${error.message}: ${JSON.stringify(page.data).slice(0, 600)}`, {cause: error});
  });
  return page;
}

async function capture(page, name, options = {}) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await render.capture(page, name, Object.assign({apiBase: state().api}, options));
}

async function openCompetition() {
  const {data} = await api('GET', '/api/v1/competitions?status=open', {token});
  return data.items[0];
}

/** Answer an attempt through the API: right except every fourth question. */
async function answer(attempt, count = attempt.questions.length) {
  const keys = keysOf(attempt.id);
  for (const [index, question] of attempt.questions.slice(0, count).entries()) {
    const choices = letters(question, keys[question.id], index % 4 !== 3);
    await api('PUT', `/api/v1/attempts/${attempt.id}/answers/${question.id}`, {token, body: {choices}});
  }
}

async function fileReport(body) {
  const {data: tree} = await api('GET', '/api/v1/report-categories');
  const fees = tree.find((top) => top.children && top.children.length) || tree[0];
  const category = (fees.children && fees.children[0] ? fees.children[0] : fees).code;
  const {data: notice} = await api('GET', '/api/v1/report-notice');
  const {data: me} = await api('GET', '/api/v1/me', {token});
  const report = Object.assign(
    {
      category,
      district: me.association.district,
      association_id: me.association.id,
      title: '强制参加收费培训',
      body: '协会通知所有会员单位必须参加每人 1200 元的培训，不参加就不予办理年度评优推荐。',
      notice_version: notice.version,
      upload_ids: [],
    },
    body,
  );
  const res = await api('POST', '/api/v1/reports', {token: report.anonymous ? undefined : token, body: report});
  if (res.statusCode !== 201) throw new Error(JSON.stringify(res.data));
  return res.data;
}

async function staff(publicId, steps) {
  for (const [to, note] of steps) {
    const res = await api('POST', `/api/v1/admin/reports/${publicId}/transition`, {token: admin, body: {to, note}});
    if (res.statusCode !== 200) throw new Error(JSON.stringify(res.data));
  }
}

test('首页、竞赛、地图、举报、我的', async () => {
  await member();
  await capture(await shoot('pages/home/index'), '01-home');
  closePages();
  await capture(await shoot('pages/contests/index'), '02-contests');
  closePages();
  const map = await shoot('pages/map/index', {}, (page) => page.data.markerCount || wx.createMapContext.mock.results.length);
  await waitFor(() => wx.createMapContext.mock.results.some((r) => r.value.addMarkers.mock.calls.length), 20000, 'markers');
  const markers = wx.createMapContext.mock.results.flatMap((r) => r.value.addMarkers.mock.calls.flatMap(([options]) => options.markers));
  await capture(map, '03-map', {mapMarkers: markers});
  map.instance.switchView({currentTarget: {dataset: {view: 'list'}}});
  await waitFor(() => map.data.list && map.data.list.items.length, 20000, 'the site list');
  await capture(map, '03-map-list');
  closePages();
  await capture(await shoot('pages/report/index'), '04-report');
  closePages();
  await capture(await shoot('pages/me/index'), '05-me');
});

test('竞赛：规则、答题、成绩、排行榜、练习、错题本', async () => {
  await member();
  const competition = await openCompetition();
  await capture(await shoot('packages/quiz/detail/index', {id: competition.id}), '10-quiz-detail');
  closePages();
  const {data: attempt} = await api('POST', `/api/v1/competitions/${competition.id}/attempts`, {token});
  await answer(attempt, 3);
  const play = await shoot('packages/quiz/play/index', {competition: competition.id}, (page) => page.data.total > 0);
  await capture(play, '11-quiz-play');
  closePages();
  await answer(attempt);
  await api('POST', `/api/v1/attempts/${attempt.id}/submit`, {token, body: {answers: []}});
  await capture(await shoot('packages/quiz/result/index', {attempt: attempt.id}), '12-quiz-result');
  closePages();
  await capture(await shoot('packages/quiz/leaderboard/index', {id: competition.id}), '13-quiz-leaderboard');
  closePages();
  await capture(await shoot('packages/quiz/practice/index'), '14-quiz-practice');
  closePages();
  await capture(await shoot('packages/quiz/mistakes/index'), '15-quiz-mistakes');
});

test('阵地：详情与扫码打卡', async () => {
  await member();
  const {data: list} = await api('GET', '/api/v1/sites?page_size=1&type=hall');
  const site = list.items[0] || (await api('GET', '/api/v1/sites?page_size=1')).data.items[0];
  await capture(await shoot('packages/sites/detail/index', {id: site.id}), '20-site-detail');
  closePages();
  const png = await new Promise((resolve, reject) => {
    require('http')
      .get(`${state().api}/api/v1/admin/sites/${site.id}/qrcode`, {headers: {Authorization: `Bearer ${admin}`}}, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
      .on('error', reject);
  });
  const {scene} = require('../e2e/png').textChunks(png);
  wx.getLocation.mockImplementation((options) => options.success({latitude: site.lat, longitude: site.lng, accuracy: 10}));
  wx.getSetting.mockImplementation((options) => options.success({authSetting: {'scope.userLocation': true}}));
  const checkin = await shoot('packages/sites/checkin/index', {scene: encodeURIComponent(scene)}, (page) => ['done', 'refused'].includes(page.data.state));
  await capture(checkin, '21-site-checkin');
});

test('举报：须知、填写、回执、查询、我的实名反映', async () => {
  const me = await member();
  const {data: notice} = await api('GET', '/api/v1/report-notice');
  await capture(await shoot('packages/reports/notice/index'), '30-report-notice');
  closePages();
  const form = await shoot('packages/reports/form/index', {notice: notice.version});
  const top = form.data.tops.find((item) => item.code === 'fees') || form.data.tops[0];
  form.instance.pickTop({currentTarget: {dataset: {code: top.code}}});
  if (form.data.children.length) form.instance.pickChild({currentTarget: {dataset: {code: form.data.children[0].code}}});
  if (form.instance.seeReferral && !form.data.referralSeen) form.instance.seeReferral();
  if (form.instance.onAssociation) form.instance.onAssociation({detail: {association: Object.assign({district_name: ''}, me.association)}});
  await capture(form, '31-report-form');
  closePages();

  const filed = await fileReport({anonymous: true});
  const receipt = await shoot('packages/reports/receipt/index', {}, () => true);
  receipt.instance.show(filed);
  await capture(receipt, '32-report-receipt');
  closePages();

  await staff(filed.public_id, [['accepted', '已受理，将在规定时限内核查。']]);
  await api('POST', `/api/v1/admin/reports/${filed.public_id}/messages`, {
    token: admin,
    body: {body: '您反映的情况已转协会业务主管单位核查，请留意后续答复。', internal: false},
  });
  const track = await shoot('packages/reports/track/index');
  track.instance.onInput({detail: {value: filed.receipt}});
  await track.instance.lookup();
  await waitFor(() => track.data.report || track.data.status, 20000, 'the tracked report');
  await capture(track, '33-report-track');
  closePages();

  const named = await fileReport({anonymous: false, reporter_name: '王建国', reporter_phone: '13805761234', title: '分支机构重复收取会费'});
  await staff(named.public_id, [['accepted', '已受理。'], ['in_progress', '正在调查核实。']]);
  await capture(await shoot('packages/reports/mine/index'), '34-report-mine');
  closePages();
  await capture(await shoot('packages/reports/detail/index', {public_id: named.public_id}), '35-report-detail');
});

test('我的：资料、打卡、成绩、隐私', async () => {
  await member();
  await capture(await shoot('packages/me/profile/index'), '40-me-profile');
  closePages();
  await capture(await shoot('packages/me/checkins/index'), '41-me-checkins');
  closePages();
  await capture(await shoot('packages/me/results/index'), '42-me-results');
  closePages();
  await capture(await shoot('packages/me/privacy/index'), '43-me-privacy');
});
