const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures-reports');

let wx;
let api;

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx);
});

afterEach(() => closePages());

describe('举报 tab', () => {
  test('shows what can be reported, the ways in and the protection promises, without logging in', async () => {
    api.on('GET', '/report-categories', [200, fx.categories()]);

    const page = await openPage('pages/report/index');

    const shown = text(page);
    expect(shown).toContain('乱收费含 3 类情形');
    expect(shown).toContain('负责人违纪违规');
    expect(shown).toContain('不记录您的微信身份、姓名、手机号和 IP 地址');
    expect(shown).toContain('回执码只显示一次');
    expect(wx.login).not.toHaveBeenCalled();
    expect(api.calls.every((call) => !call.header.Authorization)).toBe(true);

    page.querySelector('#go-file').dispatchEvent('tap');
    page.querySelector('#go-track').dispatchEvent('tap');
    page.querySelector('#go-mine').dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/packages/reports/notice/index',
      '/packages/reports/track/index',
      '/packages/reports/mine/index',
    ]);
  });

  test('still offers every way in when the categories cannot load', async () => {
    api.offline(true);

    const page = await openPage('pages/report/index');
    await settle(20);

    expect(text(page)).toContain('阻碍退会、违规评比表彰');
    expect(text(page)).toContain('我要反映');
  });
});

describe('notice', () => {
  test('the form opens only after the notice is agreed, with its version', async () => {
    api.on('GET', '/report-notice', [200, fx.notice()]);

    const page = await openPage('packages/reports/notice/index');

    expect(text(page)).toContain('问题反映须知');
    expect(text(page)).toContain('故意诬告陷害他人的，将依法依规追究责任');
    expect(text(page)).toContain('每天最多可提交 5 件问题反映，每件最多附 9 张图片');
    page.querySelector('#continue').dispatchEvent('tap');
    await settle();
    expect(wx.redirectTo).not.toHaveBeenCalled();

    page.instance.onAgree({detail: {checked: true}});
    page.querySelector('#continue').dispatchEvent('tap');
    await settle();
    expect(wx.redirectTo).toHaveBeenCalledWith({url: '/packages/reports/form/index?notice=2026-11'});
  });

  test('a notice that fails to load says why and can be loaded again', async () => {
    api.on('GET', '/report-notice', error(503, 'maintenance', '系统维护中，请稍后再试'));

    const page = await openPage('packages/reports/notice/index');
    expect(text(page)).toContain('系统维护中，请稍后再试');

    api.on('GET', '/report-notice', [200, fx.notice()]);
    page.querySelector('#retry').dispatchEvent('tap');
    await settle();
    expect(text(page)).toContain('问题反映须知');
  });
});
