const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures-reports');
const base = require('../../helpers/fixtures');

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx).member(base.member());
  api.on('GET', '/report-notice', [200, fx.notice()]);
});

afterEach(() => closePages());

async function tap(root, selector) {
  root.querySelector(selector).dispatchEvent('tap');
  await settle();
}

describe('我的实名反映', () => {
  test('lists my named reports page by page, with status and dates, and opens one', async () => {
    const rows = Array.from({length: 25}, (_, i) =>
      fx.myReportRow({public_id: `JB${String(i).padStart(2, '2')}ABCDEFGH`, title: `反映 ${i + 1}`, can_rate: i === 0}),
    );
    api.on('GET', '/me/reports', ({query}) => {
      const page = Number(query.page);
      return [200, base.page(rows.slice((page - 1) * 20, page * 20), {total: 25, page})];
    });

    const page = await openPage('packages/reports/mine/index');

    const shown = text(page);
    expect(shown).toContain('这里只显示您以实名方式提交的问题反映');
    expect(shown).toContain('匿名反映不与您的账号关联');
    expect(shown).toContain('反映 1');
    expect(shown).toContain('已提交');
    expect(shown).toContain('2026年12月8日（周二）提交');
    expect(shown).toContain('待评价');
    expect(page.data.items).toHaveLength(20);
    expect(api.sent('GET', '/me/reports')[0].header.Authorization).toBe('Bearer token-42');

    await page.instance.onReachBottom();
    await settle();
    expect(page.data.items).toHaveLength(25);
    expect(text(page)).toContain('共 25 件，已全部显示');
    expect(page.instance.onReachBottom()).toBeUndefined();

    await tap(page, `#report-${rows[0].public_id}`);
    expect(wx.navigateTo).toHaveBeenCalledWith({url: `/packages/reports/detail/index?public_id=${rows[0].public_id}`});
  });

  test('says so when there is none yet', async () => {
    api.on('GET', '/me/reports', [200, base.page([])]);
    const page = await openPage('packages/reports/mine/index');
    expect(text(page)).toContain('您还没有实名反映过问题');
  });
});

describe('detail', () => {
  const ID = 'JB7K3M9PQR2T';

  test('shows what I wrote, the status and the conversation', async () => {
    api.on('GET', '/me/reports/:id', ({params}) =>
      params.id === ID ? [200, fx.myReport({status: 'in_progress', status_label: '办理中', messages: [fx.message()]})] : error(404, 'report_not_found', '问题反映不存在'),
    );

    const page = await openPage('packages/reports/detail/index', {public_id: ID});

    const shown = text(page);
    expect(shown).toContain('办理中');
    expect(shown).toContain('协会强制要求参加收费培训');
    expect(shown).toContain('每人 800 元的培训');
    expect(shown).toContain('台州市椒江区建筑业协会');
    expect(shown).toContain('李明 138****5678');
    expect(shown).not.toContain('13812345678');
    expect(shown).toContain('实名');
    expect(shown).toContain('应于2027年3月8日（周一）前办结');
  });

  test('replies and rates through my own report’s routes, with my login', async () => {
    const report = fx.myReport({status: 'resolved', status_label: '已办结', can_rate: true});
    api.on('GET', '/me/reports/:id', [200, report]);
    api.on('POST', '/me/reports/:id/messages', ({data}) => [201, Object.assign({}, report, {messages: [fx.message({author: 'reporter', body: data.body})]})]);
    api.on('POST', '/me/reports/:id/rating', ({data}) => [200, Object.assign({}, report, {can_rate: false, rating: data.rating})]);
    const page = await openPage('packages/reports/detail/index', {public_id: ID});
    const progress = page.querySelector('#progress');

    const reply = progress.querySelector('#reply');
    reply.instance.onBody({detail: {value: '费用已经退回，谢谢。'}});
    await tap(reply, '#reply-submit');
    await settle(5);
    const sent = api.sent('POST', `/me/reports/${ID}/messages`)[0];
    expect(sent.data).toEqual({body: '费用已经退回，谢谢。', upload_ids: []});
    expect(sent.header.Authorization).toBe('Bearer token-42');
    expect(text(page)).toContain('费用已经退回，谢谢。');

    const rating = progress.querySelector('#rating-form');
    await tap(rating, '#rating-basically_satisfied');
    await tap(rating, '#rate-submit');
    await settle(5);
    expect(api.sent('POST', `/me/reports/${ID}/rating`)[0].data).toEqual({rating: 'basically_satisfied'});
    expect(text(page)).toContain('您的评价：基本满意');
  });

  test('a refused reply (limit reached) is explained, and the text is kept', async () => {
    api.on('GET', '/me/reports/:id', [200, fx.myReport({status: 'accepted'})]);
    api.on('POST', '/me/reports/:id/messages', error(429, 'message_limit_reached', '今天的留言次数已达上限，请明天再试'));
    const page = await openPage('packages/reports/detail/index', {public_id: ID});
    const reply = page.querySelector('#progress').querySelector('#reply');

    reply.instance.onBody({detail: {value: '补充一点情况。'}});
    await tap(reply, '#reply-submit');
    await settle(5);

    expect(wx.showModal).toHaveBeenCalledWith(
      expect.objectContaining({title: '留言未发送', content: expect.stringContaining('每天的留言次数有上限')}),
    );
    expect(reply.instance.data.body).toBe('补充一点情况。');
  });

  test('a report that is not mine (or gone) says so', async () => {
    api.on('GET', '/me/reports/:id', error(404, 'report_not_found', '问题反映不存在'));
    const page = await openPage('packages/reports/detail/index', {public_id: 'JB2222222222'});
    expect(text(page.querySelector('#error'))).toContain('问题反映不存在');
  });

  test('a purged report says its content was removed', async () => {
    api.on('GET', '/me/reports/:id', [200, fx.myReport({status: 'closed', purged: true, title: null, body: null, messages: []})]);
    const page = await openPage('packages/reports/detail/index', {public_id: ID});
    expect(text(page)).toContain('内容已按规定期限清除');
    expect(text(page)).toContain('内容、图片和对话已按规定清除');
    expect(page.querySelector('#progress').querySelector('#reply')).toBeFalsy();
  });
});
