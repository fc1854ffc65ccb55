// Journeys: a logged-in member files an anonymous report with a photo and follows it up by its
// receipt alone (staff answer through the admin API); then files a named report and finds it
// under 我的实名反映. Anonymity is the point: the anonymous flow must carry nothing that names them.
const {execFileSync} = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {installWx, answer} = require('../helpers/wx');
const {mount, openPage, closePages, settle, text} = require('../helpers/page');
const {connect, api, adminToken, waitFor} = require('./bridge');
const {state, query, REPO} = require('./backend');

const MEMBER = 'e2e_reporter';
const RECEIPT_PAGE = '/packages/reports/receipt/index';

let receiptPage = null;
const photoDirs = [];

afterAll(() => photoDirs.forEach((dir) => fs.rmSync(dir, {recursive: true, force: true})));

afterEach(() => {
  if (receiptPage) receiptPage.instance.onUnload();
  receiptPage = null;
  closePages();
});

function python(script, ...args) {
  return execFileSync(process.env.PYTHON || path.join(REPO, '.venv/bin/python'), ['-c', script, ...args], {encoding: 'utf8'});
}

/** A real JPEG as a phone camera writes it: EXIF with the camera, the time, GPS and a rotation. */
function cameraPhoto() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-photo-'));
  photoDirs.push(dir);
  const file = path.join(dir, 'IMG_0412.jpg');
  python(
    [
      'import sys',
      'from PIL import Image',
      'image = Image.new("RGB", (48, 32), (200, 40, 40))',
      'exif = Image.Exif()',
      'exif[0x010F] = "E2E-Camera"',
      'exif[0x0132] = "2026:03:02 09:41:00"',
      'exif[0x0112] = 6',
      'exif.get_ifd(0x8825).update({1: "N", 2: (28.0, 39.0, 21.0), 3: "E", 4: (121.0, 25.0, 12.0)})',
      'image.save(sys.argv[1], "JPEG", exif=exif)',
    ].join('\n'),
    file,
  );
  return file;
}

/** What Pillow reads of an image file's metadata: EXIF tags and the info keys. */
function metadata(file) {
  const script = 'import json,sys\nfrom PIL import Image\nimage = Image.open(sys.argv[1])\nprint(json.dumps({"exif": len(image.getexif()), "info": sorted(image.info)}))';
  return JSON.parse(python(script, file));
}

async function tap(root, selector) {
  const node = root.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('tap');
  await settle();
}

/**
 * wx.navigateTo as WeChat does it for the receipt: the page opens, registers on its opener's
 * event channel in onLoad, then the opener's success gets the channel and emits the receipt.
 */
function openReceiptOnNavigate(wx) {
  wx.navigateTo.mockImplementation((options) => {
    const handlers = {};
    if (options.url.startsWith(RECEIPT_PAGE)) {
      receiptPage = mount(RECEIPT_PAGE.slice(1));
      receiptPage.instance.getOpenerEventChannel = () => ({on: (name, handler) => (handlers[name] = handler)});
      receiptPage.instance.onLoad({});
    }
    const eventChannel = {emit: (name, value) => handlers[name] && handlers[name](value)};
    return answer(options, true, {eventChannel});
  });
}

/** The query of a page URL as WeChat hands it to onLoad (values still URL-encoded). */
function queryOf(url) {
  return Object.fromEntries(
    url
      .split('?')[1]
      .split('&')
      .map((pair) => pair.split('=')),
  );
}

/** Read and agree to the notice; returns the form page opened as the notice asks. */
async function agreeAndOpenForm(wx) {
  const notice = await openPage('packages/reports/notice/index');
  expect(notice.data.error).toBe('');
  expect(text(notice)).toContain('每天最多可提交 5 件问题反映，每件最多附 9 张图片');
  await tap(notice, '#continue');
  expect(wx.redirectTo).not.toHaveBeenCalled();
  notice.instance.onAgree({detail: {checked: true}});
  await tap(notice, '#continue');
  const {url} = wx.redirectTo.mock.calls[0][0];
  expect(url).toMatch(/^\/packages\/reports\/form\/index\?notice=/);
  const form = await openPage('packages/reports/form/index', queryOf(url));
  expect(form.data.loadError).toBe('');
  return form;
}

/** Choose the association with the form's picker, searching by name as a member would. */
async function pickAssociation(form, words) {
  const picker = form.querySelector('#association');
  picker.instance.open();
  picker.instance.onInput({detail: {value: words}});
  await waitFor(() => picker.data.loaded && picker.data.items.length, 15000, 'associations to search');
  const wanted = picker.data.items[0];
  await tap(picker, `#assoc-${wanted.id}`);
  await waitFor(() => form.data.associationId === wanted.id, 5000, 'the association to be chosen');
  return wanted;
}

/** Requests made since log position `start`, as "METHOD /path". */
function routes(log, start) {
  return log.slice(start).map((entry) => `${entry.method} ${new URL(entry.url).pathname}`);
}

/** No request since `start` carried a token, the member's openid or login code, or the token's text. */
function expectNothingNames(log, start, token) {
  const entries = log.slice(start);
  expect(entries.length).toBeGreaterThan(0);
  const offenders = entries
    .filter((entry) => {
      const everything = JSON.stringify(entry);
      const authorization = Object.keys(entry.header).some((key) => key.toLowerCase() === 'authorization');
      return authorization || everything.includes(MEMBER) || everything.includes(token);
    })
    .map((entry) => `${entry.method} ${entry.url}`);
  expect(offenders).toEqual([]);
}

/** The status the report card of a track or detail page shows. */
function statusOf(page) {
  return /当前状态\s*(\S+?)问题编号/.exec(text(page))[1];
}

/** The staff view of a report through the admin API. */
async function staffView(admin, publicId) {
  const res = await api('GET', `/api/v1/admin/reports/${publicId}`, {token: admin});
  expect(res.statusCode).toBe(200);
  return res.data;
}

async function staff(admin, publicId, action, body) {
  const res = await api('POST', `/api/v1/admin/reports/${publicId}/${action}`, {token: admin, body});
  if (res.statusCode >= 300) throw new Error(`${action}: ${res.statusCode} ${JSON.stringify(res.data)}`);
  return res.data;
}

test('a logged-in member reports anonymously with a photo and follows it up by receipt alone; nothing names them', async () => {
  const wx = installWx();
  const net = connect(wx, MEMBER);
  openReceiptOnNavigate(wx);

  // The member has used the app before: a token and their profile are on the phone.
  const home = await openPage('pages/home/index');
  await waitFor(() => !home.data.loading && wx.getStorageSync('session.token'), 15000, 'the login');
  closePages();
  const token = wx.getStorageSync('session.token');
  const member = wx.getStorageSync('session.member');
  const logins = wx.login.mock.calls.length;
  const start = net.log.length;

  // 举报 tab → notice → form.
  const tab = await openPage('pages/report/index');
  expect(tab.data.overview.length).toBeGreaterThan(0);
  await tap(tab, '#go-file');
  expect(wx.navigateTo).toHaveBeenLastCalledWith({url: '/packages/reports/notice/index'});
  const form = await agreeAndOpenForm(wx);

  await tap(form, '#top-arbitrary_fees');
  await tap(form, '#child-fee_kickbacks');
  const association = await pickAssociation(form, '建筑');
  expect(form.data.district).toBe(association.district);
  form.instance.onTitle({detail: {value: '培训费按比例返给协会'}});
  form.instance.onBody({detail: {value: '协会要求会员企业参加每人八百元的培训，培训机构按三成比例把费用返给协会秘书处。'}});
  const photo = cameraPhoto();
  expect(metadata(photo).exif).toBeGreaterThan(0);
  wx.chooseMedia.mockImplementation((options) =>
    answer(options, true, {tempFiles: [{tempFilePath: photo, size: fs.statSync(photo).size, fileType: 'image'}]}),
  );
  await tap(form.querySelector('#photos'), '#add-photo');
  await waitFor(() => form.data.photos.uploadIds.length === 1 && !form.data.photos.busy, 15000, 'the photo to upload');
  expect(text(form.querySelector('#photos'))).toContain('已上传');
  expect(form.data.anonymous).toBe(true);
  expect(text(form)).toContain('不会保存：您的微信身份、账号、姓名、手机号、IP 地址和提交的具体时刻');

  await tap(form, '#submit');
  await waitFor(() => receiptPage && receiptPage.data.shown, 20000, 'the receipt');

  // The receipt, once, grouped 4-4-4-4, with the number staff quote.
  const groups = receiptPage.querySelectorAll('.receipt__group').map((node) => text(node));
  expect(groups).toHaveLength(4);
  groups.forEach((group) => expect(group).toMatch(/^\d{4}$/));
  const receipt = groups.join('');
  const publicId = receiptPage.data.publicId;
  expect(publicId).toMatch(/^JB[2-9A-HJ-NP-Z]{10}$/);
  expect(text(receiptPage)).toContain(publicId);
  expect(text(receiptPage)).toContain('回执码只显示这一次，平台不保存，遗失后无法找回');
  // The form forgot the draft and the receipt went nowhere but that page.
  expect(text(form)).toContain('问题反映已提交');
  expect(form.data.title).toBe('');
  expect(JSON.stringify(Array.from(wx.disk.entries()))).not.toContain(receipt);

  // What the phone sent: the notice, categories, the photo's bytes, the report — none names the member.
  const filed = routes(net.log, start);
  expect(filed).toEqual(
    expect.arrayContaining(['GET /api/v1/report-notice', 'GET /api/v1/report-categories', 'GET /api/v1/associations', 'POST /api/v1/uploads', 'POST /api/v1/reports']),
  );
  expectNothingNames(net.log, start, token);
  expect(wx.login.mock.calls.length).toBe(logins);
  expect(net.log.slice(start).find((entry) => entry.kind === 'upload').filePath).toBe(photo);
  const sent = JSON.parse(net.log.slice(start).find((entry) => entry.url.endsWith('/api/v1/reports')).body);
  expect(sent).toMatchObject({anonymous: true, category: 'fee_kickbacks', association_id: association.id});
  expect(sent.upload_ids).toHaveLength(1);
  expect(sent).not.toHaveProperty('reporter_name');
  expect(sent).not.toHaveProperty('reporter_phone');

  // What the server kept: no member, name or phone; the photo attached, its metadata gone.
  expect(query('SELECT anonymous, member_id, reporter_name, reporter_phone, status FROM reports WHERE public_id = ?', [publicId])).toEqual([
    [1, null, null, null, 'submitted'],
  ]);
  expect(query('SELECT COUNT(*) FROM reports WHERE member_id = ?', [member.id])).toEqual([[0]]);
  const attachments = query(
    'SELECT file_name, message_id, expires_at FROM report_attachments WHERE report_id = (SELECT id FROM reports WHERE public_id = ?)',
    [publicId],
  );
  expect(attachments).toEqual([[expect.any(String), null, null]]);
  const stored = path.join(state().dir, 'uploads', 'reports', attachments[0][0]);
  expect(metadata(stored)).toEqual({exif: 0, info: expect.not.arrayContaining(['exif'])});
  expect(fs.readFileSync(stored).includes('E2E-Camera')).toBe(false);
  // The file's time says the day only (midnight, China time), not when it was sent.
  expect((fs.statSync(stored).mtimeMs / 1000 + 8 * 3600) % 86400).toBe(0);
  expect(fs.readFileSync(state().database).includes(receipt)).toBe(false);
  expect(fs.readFileSync(path.join(state().dir, 'api.log'), 'utf8')).not.toContain(receipt);

  // Staff: no reporter to see; the photo upright; they accept, ask a question, keep a note.
  const admin = await adminToken();
  const first = await staffView(admin, publicId);
  expect(first.report.anonymous).toBe(true);
  expect(first.reporter).toBeNull();
  expect(first.attachments).toEqual([expect.objectContaining({width: 32, height: 48})]);
  const question = '您好，请问返成的比例是从哪里得知的？有没有书面材料？';
  const note = '内部：与市场监管局核对培训机构资质';
  await staff(admin, publicId, 'transition', {to: 'accepted', note: '已受理，正在核实。'});
  await staff(admin, publicId, 'messages', {body: question, internal: false});
  await staff(admin, publicId, 'messages', {body: note, internal: true});

  // The member follows it up on the same phone, typing the receipt with spaces.
  const trackStart = net.log.length;
  const track = await openPage('packages/reports/track/index');
  track.instance.onInput({detail: {value: ` ${groups.join(' ')} `}});
  await tap(track, '#lookup');
  await waitFor(() => track.data.report, 15000, 'the report by receipt');
  expect(JSON.parse(net.log.find((entry) => entry.url.endsWith('/reports/track')).body)).toEqual({receipt});
  let shown = text(track);
  expect(statusOf(track)).toBe('已受理');
  expect(shown).toContain(publicId);
  expect(shown).toContain('反映方式匿名');
  expect(shown).toContain(question);
  expect(shown).not.toContain(note);
  expect(JSON.stringify(track.data)).not.toContain(receipt);

  // They answer by receipt.
  const reply = track.querySelector('#progress').querySelector('#reply');
  const words = '是培训机构的业务员当面说的，发票上只写了培训费。';
  reply.instance.onBody({detail: {value: words}});
  await tap(reply, '#reply-submit');
  await waitFor(() => wx.toasts().includes('留言已发送'), 15000, 'the reply to be sent');
  expect(text(track)).toContain(words);
  const answered = await staffView(admin, publicId);
  expect(answered.messages).toEqual(expect.arrayContaining([expect.objectContaining({author: 'reporter', body: words, sent_at: null})]));

  // Staff resolve it; the member refreshes and rates the result.
  await staff(admin, publicId, 'transition', {to: 'in_progress'});
  await staff(admin, publicId, 'transition', {to: 'resolved', outcome: 'substantiated', note: '协会已停止收取返成并退还会员企业。'});
  await track.instance.onPullDownRefresh();
  shown = text(track);
  expect(statusOf(track)).toBe('已办结');
  expect(shown).toContain('办理结果（属实）：协会已停止收取返成并退还会员企业。');
  expect(shown).toContain('请对办理结果作出评价');
  const rating = track.querySelector('#progress').querySelector('#rating-form');
  await tap(rating, '#rating-basically_satisfied');
  rating.instance.onReason({detail: {value: '退款还没有全部到账'}});
  await tap(rating, '#rate-submit');
  await waitFor(() => wx.toasts().includes('感谢您的评价'), 15000, 'the rating to be sent');
  expect(text(track)).toContain('您的评价：基本满意');
  expect(track.querySelector('#progress').querySelector('#rating')).toBeFalsy();

  const rated = await staffView(admin, publicId);
  expect(rated.report).toMatchObject({status: 'resolved', rating: 'basically_satisfied'});
  expect(rated.messages).toEqual(expect.arrayContaining([expect.objectContaining({author: 'reporter', body: '评价：基本满意。退款还没有全部到账'})]));

  // Following up carried nothing that names the member either.
  expect(routes(net.log, trackStart)).toEqual(
    expect.arrayContaining(['POST /api/v1/reports/track', 'POST /api/v1/reports/track/messages', 'POST /api/v1/reports/track/rating']),
  );
  expectNothingNames(net.log, trackStart, token);
  expect(wx.login.mock.calls.length).toBe(logins);
  expect(query('SELECT COUNT(*) FROM reports WHERE member_id = ?', [member.id])).toEqual([[0]]);
});

test('a member files a named report, finds it under 我的实名反映 and reads staff’s reply there', async () => {
  const wx = installWx();
  const net = connect(wx, MEMBER);
  openReceiptOnNavigate(wx);

  const form = await agreeAndOpenForm(wx);
  await tap(form, '#top-obstructing_withdrawal');
  const association = await pickAssociation(form, '协会');
  const title = '书面申请退会后仍被催缴会费';
  const body = '我公司今年一月书面提出退会，协会至今不予办理，还多次打电话催缴今年的会费。';
  form.instance.onTitle({detail: {value: title}});
  form.instance.onBody({detail: {value: body}});
  await tap(form, '#mode-named');
  expect(text(form)).toContain('负责办理的工作人员可以看到您的姓名和手机号');

  // Named needs a name and a phone: the form says so before sending anything.
  const before = net.log.length;
  await tap(form, '#submit');
  expect(form.data.errors).toMatchObject({name: '请填写姓名', phone: '请填写 11 位手机号码'});
  expect(routes(net.log, before)).toEqual([]);

  form.instance.onName({detail: {value: '王小明'}});
  form.instance.onPhone({detail: {value: '13805761234'}});
  await tap(form, '#submit');
  await waitFor(() => receiptPage && receiptPage.data.shown, 20000, 'the receipt');
  const publicId = receiptPage.data.publicId;
  expect(receiptPage.querySelectorAll('.receipt__group').map((node) => text(node).length)).toEqual([4, 4, 4, 4]);
  const submission = net.log.find((entry) => entry.url.endsWith('/api/v1/reports'));
  expect(submission.header.Authorization).toMatch(/^Bearer /);
  expect(JSON.parse(submission.body)).toMatchObject({anonymous: false, reporter_name: '王小明', reporter_phone: '13805761234'});

  const member = wx.getStorageSync('session.member');
  expect(query('SELECT anonymous, member_id, reporter_name, reporter_phone FROM reports WHERE public_id = ?', [publicId])).toEqual([
    [0, member.id, '王小明', '13805761234'],
  ]);

  // 我的实名反映: this report, and only named ones (an anonymous report is tied to no account).
  receiptPage.instance.onUnload();
  receiptPage = null;
  closePages();
  const mine = await openPage('packages/reports/mine/index');
  await waitFor(() => mine.data.loaded, 15000, 'my reports');
  expect(mine.data.items.map((item) => item.publicId)).toEqual([publicId]);
  const row = text(mine.querySelector(`#report-${publicId}`));
  expect(row).toContain(title);
  expect(row).toContain('已提交');
  expect(row).toContain(association.name);

  await tap(mine, `#report-${publicId}`);
  const {url} = wx.navigateTo.mock.calls[wx.navigateTo.mock.calls.length - 1][0];
  expect(url).toBe(`/packages/reports/detail/index?public_id=${publicId}`);
  const detail = await openPage('packages/reports/detail/index', queryOf(url));
  expect(detail.data.error).toBe('');
  let shown = text(detail);
  expect(shown).toContain(title);
  expect(shown).toContain(body);
  expect(shown).toContain('王小明 138****1234');
  expect(shown).toContain('反映方式实名');
  expect(shown).toContain('暂无办理记录');

  // Staff see who to call back, accept and reply; the detail page shows it after a refresh.
  const admin = await adminToken();
  expect((await staffView(admin, publicId)).reporter).toEqual({name: '王小明', phone: '13805761234'});
  const staffReply = '已受理。我们已联系协会核实退会申请，请保持电话畅通。';
  await staff(admin, publicId, 'transition', {to: 'accepted'});
  await staff(admin, publicId, 'messages', {body: staffReply, internal: false});
  await detail.instance.onPullDownRefresh();
  shown = text(detail);
  expect(statusOf(detail)).toBe('已受理');
  expect(shown).toContain(staffReply);
  expect(shown).not.toContain('暂无办理记录');
});
