// Journey: a member opens the app for the first time and sees the city's open competition.
const {installWx} = require('../helpers/wx');
const {openPage, closePages, text} = require('../helpers/page');
const {connect, waitFor} = require('./bridge');

afterEach(() => closePages());

test('first launch logs in through WeChat and shows the open demo competition', async () => {
  const wx = installWx();
  const net = connect(wx, 'e2e_home');

  const page = await openPage('pages/home/index');
  await waitFor(() => !page.data.loading, 15000, 'the home page to load');

  expect(text(page)).toContain('正在进行的竞赛');
  expect(page.data.contest.status).toBe('open');
  expect(page.data.member.id).toBeGreaterThan(0);
  const login = net.log.find((entry) => entry.url.endsWith('/api/v1/auth/login'));
  expect(JSON.parse(login.body).code).toMatch(/^e2e_home\./);
  expect(wx.getStorageSync('session.token')).toBeTruthy();
});
