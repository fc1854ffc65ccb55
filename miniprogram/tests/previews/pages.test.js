// One picture per page, each taken in the state a member would see it, against the real backend
// with its demo data. Run with `make previews`; the PNGs land in docs/miniprogram/.
const {installWx} = require('../helpers/wx');
const {openPage, closePages} = require('../helpers/page');
const {connect, waitFor} = require('../e2e/bridge');
const {state} = require('../e2e/backend');
const render = require('./render');

beforeAll(() => render.start());
afterAll(() => render.stop());
afterEach(() => closePages());

async function shoot(route, name, query = {}, ready = (page) => !page.data.loading) {
  const page = await openPage(route, query);
  await waitFor(() => ready(page), 15000, `${route} to load`);
  await render.capture(page, name, {apiBase: state().api});
  return page;
}

test('首页', async () => {
  const wx = installWx();
  connect(wx, 'preview_home');
  await shoot('pages/home/index', 'home');
});
