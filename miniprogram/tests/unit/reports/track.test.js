const {installWx, answer} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures-reports');

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx);
  api.on('GET', '/report-notice', [200, fx.notice()]);
});

afterEach(() => closePages());

async function tap(root, selector) {
  root.querySelector(selector).dispatchEvent('tap');
  await settle();
}

/** Open 进度查询 and look up a receipt as typed. */
async function lookUp(typed) {
  const page = await openPage('packages/reports/track/index');
  page.instance.onInput({detail: {value: typed}});
  await tap(page, '#lookup');
  return page;
}

const noToken = () => expect(api.calls.filter((call) => call.header.Authorization)).toEqual([]);

test('a receipt of the wrong length is refused before anything is sent', async () => {
  const page = await lookUp('4821 0933');

  expect(text(page)).toContain('回执码是 16 位数字，您输入了 8 位');
  expect(api.sent('POST', '/reports/track')).toHaveLength(0);
});

test('a wrong receipt gets the server’s message, next to the field', async () => {
  api.on('POST', '/reports/track', error(404, 'receipt_not_found', '回执码不正确或不存在，请核对后再试'));

  const page = await lookUp('1111 2222 3333 4444');

  expect(page.querySelector('#input-error').dom.textContent).toBe('回执码不正确或不存在，请核对后再试');
  expect(wx.toasts()).toEqual([]);
  noToken();
});

test('too many wrong receipts (429) are explained kindly', async () => {
  api.on('POST', '/reports/track', error(429, 'receipt_lookup_limited', '回执码错误次数过多，请 10 分钟后再试'));

  const page = await lookUp(fx.RECEIPT);

  expect(text(page)).toContain('回执码错误次数过多，请 10 分钟后再试');
  expect(text(page)).toContain('为防止他人猜测回执码');
});

test('shows the status, the stages with deadlines and the conversation, sent with no token', async () => {
  const report = fx.status({
    status: 'accepted',
    status_label: '已受理',
    extension_reason: '涉及多个部门，需要联合核查',
    messages: [fx.message({body: '已受理。请问培训通知是纸质的还是微信群发的？', attachment_count: 1})],
  });
  api.on('POST', '/reports/track', ({data}) => (data.receipt === fx.RECEIPT ? [200, report] : error(404, 'receipt_not_found', '回执码不正确')));

  const page = await lookUp('4821-0933-7561-0248');

  const shown = text(page);
  expect(shown).toContain('已受理');
  expect(shown).toContain('JB7K3M9PQR2T');
  expect(shown).toContain('乱收费 · 收费返成');
  expect(shown).toContain('提交后 60 个工作日内办结');
  expect(shown).toContain('应于2027年3月8日（周一）前办结');
  expect(shown).toContain('期限已延长：涉及多个部门，需要联合核查');
  expect(shown).toContain('工作人员');
  expect(shown).toContain('请问培训通知是纸质的还是微信群发的？');
  expect(shown).toContain('附图 1 张');
  expect(api.sent('POST', '/reports/track')[0].data).toEqual({receipt: fx.RECEIPT});
  noToken();
  expect(wx.login).not.toHaveBeenCalled();
  // The receipt stays out of what the page renders and out of storage.
  expect(JSON.stringify(page.data)).not.toContain(fx.RECEIPT);
  expect(wx.setStorageSync).not.toHaveBeenCalled();
});

test('replies with text and a photo by receipt, with no token', async () => {
  const report = fx.status({status: 'accepted', status_label: '已受理', messages: [fx.message({body: '请补充通知的照片。'})]});
  api.on('POST', '/reports/track', [200, report]);
  api.on('POST', '/uploads', [201, {upload_id: 'upload-9'}]);
  api.on('POST', '/reports/track/messages', ({data}) => [
    201,
    Object.assign({}, report, {messages: report.messages.concat([fx.message({author: 'reporter', body: data.body, attachment_count: 1})])}),
  ]);
  wx.chooseMedia.mockImplementation((options) => answer(options, true, {tempFiles: [{tempFilePath: 'wxfile://tmp/notice.jpg', size: 1000}]}));
  const page = await lookUp(fx.RECEIPT);
  const reply = page.querySelector('#progress').querySelector('#reply');

  await tap(reply, '#reply-submit');
  expect(text(reply)).toContain('留言至少写 2 个字');

  reply.instance.onBody({detail: {value: '通知是微信群发的，截图见附件。'}});
  await tap(reply.querySelector('#reply-photos'), '#add-photo');
  await settle(10);
  await tap(reply, '#reply-submit');
  await settle(10);

  expect(api.sent('POST', '/reports/track/messages')[0].data).toEqual({
    receipt: fx.RECEIPT,
    body: '通知是微信群发的，截图见附件。',
    upload_ids: ['upload-9'],
  });
  expect(text(page)).toContain('我');
  expect(text(page)).toContain('通知是微信群发的，截图见附件。');
  expect(reply.instance.data.body).toBe('');
  expect(wx.toasts()).toContain('留言已发送');
  noToken();
});

test('rates a resolved report; 不满意 needs a reason and reopens it', async () => {
  const resolved = fx.status({status: 'resolved', status_label: '已办结', can_rate: true, messages: [fx.message({body: '办理结果（属实）：已责令退还培训费。'})]});
  api.on('POST', '/reports/track', [200, resolved]);
  api.on('POST', '/reports/track/rating', [200, fx.status({status: 'in_progress', status_label: '办理中', reopened: true})]);
  const page = await lookUp(fx.RECEIPT);
  expect(text(page)).toContain('请对办理结果作出评价');
  const rating = page.querySelector('#progress').querySelector('#rating-form');

  await tap(rating, '#rating-dissatisfied');
  expect(text(rating)).toContain('该问题将重新办理一次');
  await tap(rating, '#rate-submit');
  expect(text(rating)).toContain('请说明不满意的原因');
  expect(api.sent('POST', '/reports/track/rating')).toHaveLength(0);

  rating.instance.onReason({detail: {value: ' 只退了一半的费用 '}});
  await tap(rating, '#rate-submit');
  await settle(10);

  expect(api.sent('POST', '/reports/track/rating')[0].data).toEqual({receipt: fx.RECEIPT, rating: 'dissatisfied', reason: '只退了一半的费用'});
  expect(text(page)).toContain('办理中');
  expect(text(page)).toContain('根据您的评价重新办理');
  expect(text(page)).not.toContain('请对办理结果作出评价');
  expect(wx.toasts()).toContain('已重新办理');
  noToken();
});

test('a satisfied rating needs no reason', async () => {
  api.on('POST', '/reports/track', [200, fx.status({status: 'resolved', can_rate: true})]);
  api.on('POST', '/reports/track/rating', [200, fx.status({status: 'resolved', rating: 'satisfied'})]);
  const page = await lookUp(fx.RECEIPT);
  const rating = page.querySelector('#progress').querySelector('#rating-form');

  await tap(rating, '#rating-satisfied');
  await tap(rating, '#rate-submit');
  await settle(10);

  expect(api.sent('POST', '/reports/track/rating')[0].data).toEqual({receipt: fx.RECEIPT, rating: 'satisfied'});
  expect(text(page)).toContain('您的评价：满意');
  expect(wx.toasts()).toContain('感谢您的评价');
});

test('a merged report points at the report it joined, and takes no more messages', async () => {
  api.on('POST', '/reports/track', [
    200,
    fx.status({
      status: 'merged',
      status_label: '已合并',
      merged_into: 'JB2345678ABC',
      messages: [fx.message({body: '该问题与其他反映合并办理。'})],
    }),
  ]);

  const page = await lookUp(fx.RECEIPT);

  expect(text(page)).toContain('该问题与编号 JB2345678ABC 的问题相同，已合并一并办理，这里不再单独办理或留言');
  expect(text(page)).toContain('与问题 JB2345678ABC 反映的问题相同，已合并办理');
  expect(page.querySelector('#progress').querySelector('#reply')).toBeFalsy();
});

test('looking up another receipt forgets this one', async () => {
  api.on('POST', '/reports/track', [200, fx.status()]);
  const page = await lookUp(fx.RECEIPT);

  await tap(page, '#another');

  expect(page.data.report).toBeNull();
  expect(text(page)).toContain('输入回执码');
  expect(page.instance.receipt).toBeNull();
});
