const {installWx} = require('../../helpers/wx');
const {fakeApi, error} = require('../../helpers/api');
const {mount, settle, text} = require('../../helpers/page');
const fxm = require('../../helpers/fixtures-me');

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let wx;
let api;

/** Serve GET /associations from a fixed list, filtered and paginated like the server. */
function serveAssociations(all) {
  api.on('GET', '/associations', ({query}) => {
    const page = Number(query.page || 1);
    const size = Number(query.page_size || 20);
    const matching = all.filter(
      (row) => (!query.district || row.district === query.district) && (!query.q || row.name.includes(query.q)),
    );
    return [200, {items: matching.slice((page - 1) * size, page * size), total: matching.length, page, page_size: size}];
  });
}

beforeEach(() => {
  wx = installWx();
  api = fakeApi(wx);
  api.on('GET', '/districts', [200, fxm.DISTRICTS]);
});

afterEach(() => {
  document.body.innerHTML = '';
});

async function openSheet(picker) {
  picker.querySelector('#picker-cell').dispatchEvent('tap');
  await settle();
}

test('shows the label, the placeholder, and a required mark', async () => {
  const picker = mount('components/association-picker/index', {required: true});
  await settle();

  expect(text(picker.querySelector('#picker-cell'))).toBe('*所属协会 请选择›');
  expect(api.calls).toHaveLength(0);
});

test('shows a preselected name, or asks the server for the name of a bare id', async () => {
  const named = mount('components/association-picker/index', {value: 7, name: '台州市椒江区建筑业协会'});
  await settle();
  expect(text(named.querySelector('#picker-cell'))).toContain('台州市椒江区建筑业协会');
  expect(api.sent('GET', '/associations/7')).toHaveLength(0);

  api.on('GET', '/associations/:id', ({params}) => [200, fxm.association(Number(params.id), '台州市黄岩区模具行业协会', '331003')]);
  const bare = mount('components/association-picker/index', {value: 12, label: '被反映协会', placeholder: '请选择被反映的协会'});
  await settle();
  expect(text(bare.querySelector('#picker-cell'))).toContain('被反映协会 台州市黄岩区模具行业协会');
  expect(api.sent('GET', '/associations/12')[0].header.Authorization).toBeUndefined();
});

test('opening lists all districts and the first page, each row with kind and district', async () => {
  serveAssociations([
    fxm.association(1, '台州市椒江区建筑业协会', '331002'),
    fxm.association(2, '温岭市泵业商会', '331081', 'chamber_of_commerce'),
  ]);
  const picker = mount('components/association-picker/index');

  await openSheet(picker);

  expect(picker.data.visible).toBe(true);
  expect(picker.data.districts.map((d) => d.name)).toEqual(['全部', '椒江区', '黄岩区', '路桥区', '三门县', '天台县', '仙居县', '温岭市', '临海市', '玉环市']);
  const [call] = api.sent('GET', '/associations');
  expect(call.query).toEqual({page: '1', page_size: '20'});
  expect(call.header.Authorization).toBeUndefined();
  expect(text(picker.querySelector('#assoc-1'))).toBe('台州市椒江区建筑业协会行业协会 · 椒江区');
  expect(text(picker.querySelector('#assoc-2'))).toBe('温岭市泵业商会商会 · 温岭市');
  expect(text(picker)).toContain('已显示全部 2 个协会');
});

test('typing searches once, 300 ms after the last keystroke', async () => {
  serveAssociations([fxm.association(1, '台州市椒江区建筑业协会'), fxm.association(2, '温岭市泵业商会', '331081')]);
  const picker = mount('components/association-picker/index');
  await openSheet(picker);
  const search = picker.querySelector('#search');

  for (const value of ['泵', '泵业', '泵业商']) {
    search.dispatchEvent('input', {detail: {value}});
    await wait(50);
  }
  expect(api.sent('GET', '/associations')).toHaveLength(1);
  await wait(350);
  await settle();

  const searches = api.sent('GET', '/associations');
  expect(searches).toHaveLength(2);
  expect(searches[1].query.q).toBe('泵业商');
  expect(picker.data.items.map((row) => row.id)).toEqual([2]);
});

test('a district filters the list at once, keeping the search words', async () => {
  serveAssociations([
    fxm.association(1, '椒江区建筑业协会', '331002'),
    fxm.association(2, '黄岩区建筑业协会', '331003'),
    fxm.association(3, '黄岩区模具协会', '331003'),
  ]);
  const picker = mount('components/association-picker/index');
  await openSheet(picker);
  picker.querySelector('#search').dispatchEvent('input', {detail: {value: '建筑'}});
  await wait(350);
  await settle();

  picker.querySelector('#district-331003').dispatchEvent('tap');
  await settle();

  const last = api.sent('GET', '/associations').pop();
  expect(last.query).toEqual({district: '331003', q: '建筑', page: '1', page_size: '20'});
  expect(picker.data.items.map((row) => row.name)).toEqual(['黄岩区建筑业协会']);
  expect(picker.querySelector('#district-331003').dom.className).toContain('chip--on');

  picker.querySelector('#district-all').dispatchEvent('tap');
  await settle();
  expect(api.sent('GET', '/associations').pop().query.district).toBeUndefined();
  expect(picker.data.items).toHaveLength(2);
});

test('loads further pages with 加载更多 until all are shown', async () => {
  serveAssociations(fxm.associations(25));
  const picker = mount('components/association-picker/index');
  await openSheet(picker);
  expect(picker.data.items).toHaveLength(20);

  picker.querySelector('#more').dispatchEvent('tap');
  await settle();

  expect(api.sent('GET', '/associations').map((call) => call.query.page)).toEqual(['1', '2']);
  expect(picker.data.items).toHaveLength(25);
  expect(picker.data.items[24].id).toBe(25);
  expect(picker.querySelector('#more')).toBeUndefined();
  expect(text(picker)).toContain('已显示全部 25 个协会');
  picker.instance.loadMore();
  await settle();
  expect(api.sent('GET', '/associations')).toHaveLength(2);
});

test('choosing a row closes the sheet, shows the name and sends change', async () => {
  serveAssociations([fxm.association(1, '台州市椒江区建筑业协会'), fxm.association(2, '温岭市泵业商会', '331081', 'chamber_of_commerce')]);
  const picker = mount('components/association-picker/index');
  const changes = [];
  picker.addEventListener('change', (event) => changes.push(event.detail));
  await openSheet(picker);

  picker.querySelector('#assoc-2').dispatchEvent('tap');
  await settle();

  expect(changes).toEqual([{association: {id: 2, name: '温岭市泵业商会', district: '331081', district_name: '温岭市'}}]);
  expect(picker.data.visible).toBe(false);
  expect(text(picker.querySelector('#picker-cell'))).toContain('温岭市泵业商会');
});

test('an answer to a replaced search is dropped', async () => {
  serveAssociations([fxm.association(1, '椒江区建筑业协会', '331002'), fxm.association(2, '黄岩区模具协会', '331003')]);
  const answer = wx.request.getMockImplementation();
  wx.request.mockImplementation((options) => {
    const slow = options.url.includes('/associations?') && !options.url.includes('district=');
    setTimeout(() => answer(options), slow ? 100 : 0);
    return {abort: jest.fn()};
  });
  const picker = mount('components/association-picker/index');
  await openSheet(picker);

  picker.querySelector('#district-331003').dispatchEvent('tap');
  await wait(150);
  await settle();

  expect(api.sent('GET', '/associations')).toHaveLength(2);
  expect(picker.data.district).toBe('331003');
  expect(picker.data.items.map((row) => row.id)).toEqual([2]);
});

test('follows the value its page sets back, as after a refused change', async () => {
  serveAssociations([fxm.association(2, '温岭市泵业商会', '331081')]);
  const picker = mount('components/association-picker/index', {value: 7, name: '台州市椒江区建筑业协会'});
  await openSheet(picker);
  picker.querySelector('#assoc-2').dispatchEvent('tap');
  await settle();
  expect(text(picker.querySelector('#picker-cell'))).toContain('温岭市泵业商会');

  picker.setData({value: 7});
  await settle();

  expect(text(picker.querySelector('#picker-cell'))).toContain('台州市椒江区建筑业协会');
});

test('says so when nothing matches', async () => {
  serveAssociations([fxm.association(1, '台州市椒江区建筑业协会')]);
  const picker = mount('components/association-picker/index');
  await openSheet(picker);

  picker.querySelector('#search').dispatchEvent('input', {detail: {value: '不存在的协会'}});
  await wait(350);
  await settle();

  expect(text(picker.querySelector('#empty'))).toBe('没有找到该协会，请换个关键词');
});

test('a failed load shows the reason and a retry row, without a toast', async () => {
  let down = true;
  api.on('GET', '/associations', () =>
    down ? error(503, 'unavailable', '服务暂时不可用，请稍后重试') : [200, {items: fxm.associations(3), total: 3, page: 1, page_size: 20}],
  );
  const picker = mount('components/association-picker/index');
  await openSheet(picker);

  expect(text(picker.querySelector('#retry'))).toBe('服务暂时不可用，请稍后重试点此重试');
  expect(wx.toasts()).toEqual([]);

  down = false;
  picker.querySelector('#retry').dispatchEvent('tap');
  await settle();

  expect(picker.querySelector('#retry')).toBeUndefined();
  expect(picker.data.items).toHaveLength(3);
});

test('a lost network is retried, then offered as a retry row', async () => {
  serveAssociations(fxm.associations(2));
  api.offline(true);
  const picker = mount('components/association-picker/index');
  await openSheet(picker);
  await wait(2600);
  await settle();

  expect(api.sent('GET', '/associations')).toHaveLength(3);
  expect(text(picker.querySelector('#retry'))).toContain('网络不给力');

  api.offline(false);
  picker.querySelector('#retry').dispatchEvent('tap');
  await settle();
  expect(picker.data.items).toHaveLength(2);
  expect(picker.data.districts).toHaveLength(10);
});

test('a disabled picker does not open', async () => {
  const picker = mount('components/association-picker/index', {disabled: true, value: 7, name: '台州市椒江区建筑业协会'});
  await openSheet(picker);

  expect(picker.data.visible).toBe(false);
  expect(api.calls).toHaveLength(0);
});
