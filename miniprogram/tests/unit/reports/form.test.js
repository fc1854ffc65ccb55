const {installWx, answer} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures-reports');
const base = require('../../helpers/fixtures');

let wx;
let api;
let uploads;
let overlapped;

const BODY = '2026年11月协会通知会员企业必须参加每人 800 元的培训，培训费一部分返给了协会负责人。';

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx);
  uploads = 0;
  overlapped = false;
  api.on('GET', '/report-notice', [200, fx.notice()]);
  api.on('GET', '/report-categories', [200, fx.categories()]);
  api.on('GET', '/districts', [200, fx.districts()]);
  api.on('GET', '/associations', [200, base.page([Object.assign({kind_label: '行业协会'}, fx.association)])]);
  api.on('POST', '/uploads', () => {
    // One by one: no later upload may have been sent before this one is answered.
    if (api.sent('POST', '/uploads').length !== uploads + 1) overlapped = true;
    uploads += 1;
    return [201, {upload_id: `upload-${uploads}`, expires_in: 3600, mime: 'image/jpeg', width: 800, height: 600}];
  });
});

afterEach(() => closePages());

/** The member picks photos: wx.chooseMedia answers with these temp files. */
function choosePhotos(names, size = 200 * 1024) {
  wx.chooseMedia.mockImplementation((options) =>
    answer(options, true, {tempFiles: names.map((name) => ({tempFilePath: `wxfile://tmp/${name}.jpg`, size, fileType: 'image'}))}),
  );
}

/** Capture the event channel of wx.navigateTo (the receipt's way to its page). */
function captureChannel() {
  const emitted = [];
  wx.navigateTo.mockImplementation((options) => {
    const eventChannel = {emit: jest.fn((name, value) => emitted.push([name, value]))};
    return answer(options, true, {eventChannel});
  });
  return emitted;
}

async function openForm() {
  return openPage('packages/reports/form/index', {notice: '2026-11'});
}

async function tap(root, selector) {
  root.querySelector(selector).dispatchEvent('tap');
  await settle();
}

/** Fill a complete draft: category, association (through the real picker), title and text. */
async function fill(page) {
  await tap(page, '#top-arbitrary_fees');
  await tap(page, '#child-fee_kickbacks');
  const picker = page.querySelector('#association');
  await tap(picker, '#picker-cell');
  await tap(picker, '#assoc-7');
  page.instance.onTitle({detail: {value: '协会培训费收费返成'}});
  page.instance.onBody({detail: {value: BODY}});
  await settle();
}

const photoPicker = (page) => page.querySelector('#photos');

test('without an agreed notice the form sends the member to read it', async () => {
  await openPage('packages/reports/form/index', {});
  expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/reports/notice/index'});
});

test('a notice updated since it was agreed must be read again', async () => {
  api.on('GET', '/report-notice', [200, Object.assign(fx.notice(), {version: '2027-01'})]);
  await openForm();
  expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({title: '须知已更新'}));
  expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/reports/notice/index'});
});

test('choosing a category shows its guidance; a group shows its items first', async () => {
  const page = await openForm();

  await tap(page, '#top-arbitrary_fees');
  expect(text(page)).toContain('按全国清理规范收费的 15 类情形选择');
  expect(text(page)).toContain('2. 收费返成');
  expect(text(page)).not.toContain('被反映的协会');

  await tap(page, '#child-fee_kickbacks');
  expect(text(page)).toContain('乱收费 · 收费返成');
  expect(text(page)).toContain('写明收费项目、返还给谁、返还比例或金额。');
  expect(text(page)).toContain('涉及的协会');
});

test('a category another authority handles says which, and how to reach it, before going on', async () => {
  const page = await openForm();

  await tap(page, '#top-leader_misconduct');

  const shown = text(page);
  expect(shown).toContain('党员或公职人员违纪违法问题由纪检监察机关负责处理');
  expect(shown).toContain('12388 举报网站或拨打 12388');
  expect(shown).not.toContain('涉及的协会');

  await tap(page, '#see-referral');
  expect(text(page)).toContain('涉及的协会');
});

test('choosing another category later keeps the rest of the draft, but its referral must be read', async () => {
  const page = await openForm();
  await fill(page);
  choosePhotos(['a']);
  await tap(photoPicker(page), '#add-photo');
  await settle(10);

  await tap(page, '#top-leader_misconduct');

  expect(text(page)).toContain('由纪检监察机关负责处理');
  expect(page.data.photos.uploadIds).toEqual(['upload-1']);
  expect(text(photoPicker(page))).toContain('已上传');
  await tap(page, '#submit');
  expect(text(page)).toContain('请先阅读该类别的受理渠道说明');
  expect(api.sent('POST', '/reports')).toHaveLength(0);

  await tap(page, '#see-referral');
  expect(page.data.errors.category).toBe('');
});

test('anonymous by default, saying plainly what is and is not stored', async () => {
  const page = await openForm();
  await fill(page);

  expect(page.data.anonymous).toBe(true);
  const shown = text(page);
  expect(shown).toContain('不会保存：您的微信身份、账号、姓名、手机号、IP 地址和提交的具体时刻');
  expect(shown).toContain('只能凭提交后显示的回执码查询进度');
  expect(shown).toContain('匿名提交');
});

test('the association sets the district; another district clears an association outside it', async () => {
  const page = await openForm();
  await fill(page);
  expect(page.data).toMatchObject({district: '331002', districtName: '椒江区', associationId: 7});

  page.instance.onDistrict({detail: {value: '1'}});
  await settle();

  expect(page.data).toMatchObject({district: '331003', association: null});
  expect(text(page)).toContain('所选协会不在该区县，请重新选择协会');
});

test('an anonymous report with photos: uploads one by one, files once, and nothing carries a token', async () => {
  const emitted = captureChannel();
  let filed = null;
  api.on('POST', '/reports', ({data, header}) => {
    filed = {data, header};
    return [201, {receipt: fx.RECEIPT, public_id: 'JB7K3M9PQR2T', status: 'submitted'}];
  });
  const page = await openForm();
  await fill(page);

  choosePhotos(['a', 'b']);
  await tap(photoPicker(page), '#add-photo');
  await settle(10);

  expect(wx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({count: 9, mediaType: ['image'], sizeType: ['compressed']}));
  expect(api.sent('POST', '/uploads').map((call) => call.filePath)).toEqual(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.jpg']);
  expect(overlapped).toBe(false);
  expect(text(photoPicker(page))).toContain('已上传');

  await tap(page, '#submit');
  await settle(10);

  expect(filed.data).toEqual({
    anonymous: true,
    category: 'fee_kickbacks',
    district: '331002',
    association_id: 7,
    title: '协会培训费收费返成',
    body: BODY,
    upload_ids: ['upload-1', 'upload-2'],
    notice_version: '2026-11',
  });
  expect(filed.header['Idempotency-Key']).toMatch(/^[0-9a-f]{32}$/);
  // Anonymous: no request of the flow carried a token, and WeChat login was never called.
  expect(api.calls.length).toBeGreaterThan(4);
  expect(api.calls.filter((call) => call.header.Authorization)).toEqual([]);
  expect(wx.login).not.toHaveBeenCalled();
  // The receipt went to its page in memory, not in the URL, and nothing was kept in storage.
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({url: '/packages/reports/receipt/index'}));
  expect(emitted).toEqual([['receipt', {receipt: fx.RECEIPT, public_id: 'JB7K3M9PQR2T', status: 'submitted'}]]);
  expect(wx.setStorageSync).not.toHaveBeenCalled();
  expect(page.data).toMatchObject({filed: true, title: '', body: ''});
  expect(text(page)).not.toContain(fx.RECEIPT);
});

test('a retry after a lost answer sends the same Idempotency-Key and freezes the draft meanwhile', async () => {
  const emitted = captureChannel();
  let lose = true;
  api.on('POST', '/reports', () => (lose ? 'network' : [200, {receipt: fx.RECEIPT, public_id: 'JB7K3M9PQR2T', status: 'submitted'}]));
  const page = await openForm();
  await fill(page);

  await tap(page, '#submit');
  await new Promise((resolve) => setTimeout(resolve, 2600));
  await settle();

  expect(page.data.uncertain).toBe(true);
  expect(text(page)).toContain('没有收到提交结果，问题反映可能已经提交');
  expect(text(page)).toContain('重新提交');
  page.instance.chooseMode({currentTarget: {dataset: {mode: 'named'}}});
  expect(page.data.anonymous).toBe(true);

  lose = false;
  await tap(page, '#submit');
  await settle(10);

  const keys = api.sent('POST', '/reports').map((call) => call.header['Idempotency-Key']);
  expect(keys.length).toBe(4);
  expect(new Set(keys).size).toBe(1);
  expect(emitted).toHaveLength(1);
  expect(wx.login).not.toHaveBeenCalled();
});

test('a refused submission keeps the draft and shows the server’s words at the field', async () => {
  api.on('POST', '/reports', error(422, 'validation_failed', '请检查填写的内容', {title: ['标题含有不当内容']}));
  const page = await openForm();
  await fill(page);

  await tap(page, '#submit');
  await settle(10);

  expect(page.data.uncertain).toBe(false);
  expect(text(page)).toContain('标题含有不当内容');
  expect(page.data.title).toBe('协会培训费收费返成');
});

test('the daily limit (429) is explained kindly', async () => {
  api.on('POST', '/reports', error(429, 'report_limit_reached', '今天提交的问题反映已达上限，请明天再试'));
  const page = await openForm();
  await fill(page);

  await tap(page, '#submit');
  await settle(10);

  expect(text(page)).toContain('今天提交的问题反映已达上限，请明天再试');
  expect(text(page)).toContain('每天可提交的问题反映数量有上限');
});

test('photos: the limit, too-large files, a failed upload retried, a photo removed', async () => {
  api.on('GET', '/report-notice', [200, fx.notice({max_images: 2, max_image_bytes: 1024 * 1024})]);
  let refuse = true;
  api.on('POST', '/uploads', ({filePath}) => {
    if (filePath.endsWith('b.jpg') && refuse) return error(429, 'upload_limit_reached', '上传图片过于频繁，请 5 分钟后再试');
    uploads += 1;
    return [201, {upload_id: `upload-${uploads}`}];
  });
  const page = await openForm();
  await fill(page);
  expect(text(page)).toContain('最多 2 张，每张不超过 1 MB');

  choosePhotos(['a', 'b', 'c']);
  await tap(photoPicker(page), '#add-photo');
  await settle(10);

  expect(wx.chooseMedia.mock.calls[0][0].count).toBe(2);
  expect(wx.toasts()).toContain('最多 2 张图片，多出的 1 张未添加');
  const picker = photoPicker(page);
  expect(text(picker)).toContain('上传失败');
  expect(text(picker)).toContain('上传图片过于频繁，请 5 分钟后再试');
  expect(picker.querySelector('#add-photo')).toBeFalsy();

  await tap(page, '#submit');
  expect(text(page)).toContain('有图片上传失败，请重试或删除');
  expect(api.sent('POST', '/reports')).toHaveLength(0);

  refuse = false;
  await tap(picker, '.photo__veil--failed');
  await settle(10);
  expect(page.data.photos).toEqual({count: 2, busy: false, failed: false, uploadIds: ['upload-1', 'upload-2']});

  await tap(picker, '.photo__remove');
  expect(page.data.photos.uploadIds).toEqual(['upload-2']);

  choosePhotos(['huge'], 2 * 1024 * 1024);
  await tap(picker, '#add-photo');
  expect(wx.toasts()).toContain('有 1 张图片超过 1 MB，未添加');
});

test('limits from the notice: title and text lengths are checked before sending', async () => {
  const page = await openForm();
  await fill(page);
  page.instance.onTitle({detail: {value: '长'.repeat(51)}});
  page.instance.onBody({detail: {value: '太短'}});

  await tap(page, '#submit');

  expect(text(page)).toContain('标题最多 50 个字，现在有 51 个字');
  expect(text(page)).toContain('问题描述至少写 20 个字');
  expect(api.sent('POST', '/reports')).toHaveLength(0);
});

test('anonymous reporters are warned about a phone number in the text', async () => {
  const page = await openForm();
  await fill(page);
  page.instance.onBody({detail: {value: `${BODY}有事请打 13812345678`}});
  await settle();
  expect(text(page)).toContain('内容中似乎有手机号码');
});

test('a named report needs a real name and phone, and is sent with the member’s login', async () => {
  api.member(base.member());
  let filed = null;
  api.on('POST', '/reports', ({data, header}) => {
    filed = {data, header};
    return [201, {receipt: fx.RECEIPT, public_id: 'JB7K3M9PQR2T', status: 'submitted'}];
  });
  captureChannel();
  const page = await openForm();
  await fill(page);

  await tap(page, '#mode-named');
  expect(text(page)).toContain('负责办理的工作人员可以看到您的姓名和手机号');
  await tap(page, '#submit');
  expect(text(page)).toContain('请填写姓名');
  expect(text(page)).toContain('请填写 11 位手机号码');

  page.instance.onName({detail: {value: '李明'}});
  page.instance.onPhone({detail: {value: '2381234567'}});
  await tap(page, '#submit');
  expect(text(page)).toContain('请填写 11 位手机号码');

  page.instance.onPhone({detail: {value: '13812345678'}});
  await tap(page, '#submit');
  await settle(10);

  expect(filed.data).toMatchObject({anonymous: false, reporter_name: '李明', reporter_phone: '13812345678'});
  expect(filed.header.Authorization).toBe('Bearer token-42');
});

test('a notice updated while the form was open is read again without losing the draft', async () => {
  let version = '2026-11';
  api.on('GET', '/report-notice', () => [200, Object.assign(fx.notice(), {version})]);
  api.on('POST', '/reports', ({data}) =>
    data.notice_version === version
      ? [201, {receipt: fx.RECEIPT, public_id: 'JB7K3M9PQR2T', status: 'submitted'}]
      : error(422, 'notice_outdated', '须知已更新，请重新阅读后再提交', {notice_version: ['须知已更新，请重新阅读后再提交']}),
  );
  const emitted = captureChannel();
  const page = await openForm();
  await fill(page);
  version = '2027-01';

  await tap(page, '#submit');
  await settle(10);

  expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({title: '问题反映须知（已更新）'}));
  expect(page.data.title).toBe('协会培训费收费返成');
  expect(wx.redirectTo).not.toHaveBeenCalled();

  await tap(page, '#submit');
  await settle(10);
  expect(api.sent('POST', '/reports').map((call) => call.data.notice_version)).toEqual(['2026-11', '2027-01']);
  expect(emitted).toHaveLength(1);
});

test('a phone that cannot make a secure key is told so, and nothing is sent', async () => {
  wx.getRandomValues.mockImplementation((options) => answer(options, false, {}).catch(() => {}));
  const page = await openForm();
  await fill(page);

  await tap(page, '#submit');

  expect(text(page)).toContain('请升级微信后重试');
  expect(page.data.uncertain).toBe(false);
  expect(api.sent('POST', '/reports')).toHaveLength(0);
});

test('if the receipt page cannot open, the receipt is still shown once', async () => {
  api.on('POST', '/reports', [201, {receipt: fx.RECEIPT, public_id: 'JB7K3M9PQR2T', status: 'submitted'}]);
  wx.navigateTo.mockImplementation((options) => answer(options, false, {errMsg: 'navigateTo:fail webview count limit exceed'}).catch(() => {}));
  const page = await openForm();
  await fill(page);

  await tap(page, '#submit');
  await settle(10);

  expect(wx.showModal).toHaveBeenCalledWith(
    expect.objectContaining({title: '请保存您的回执码', content: expect.stringContaining('4821 0933 7561 0248')}),
  );
});
