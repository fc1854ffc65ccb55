const {installWx} = require('../../helpers/wx');
const {mount, openPage, closePages, settle, text} = require('../../helpers/page');
const fx = require('../../helpers/fixtures-reports');

let wx;

beforeEach(() => {
  wx = installWx();
});

afterEach(() => closePages());

const ANSWER = {receipt: fx.RECEIPT, public_id: 'JB7K3M9PQR2T', status: 'submitted'};

/** Open the receipt page as the form does: the answer arrives on the opener's event channel. */
async function openWithReceipt(answer) {
  const handlers = {};
  const page = mount('packages/reports/receipt/index');
  page.instance.getOpenerEventChannel = () => ({on: (name, handler) => (handlers[name] = handler)});
  page.instance.onLoad({});
  handlers.receipt(answer);
  await settle();
  return page;
}

test('shows the receipt once, grouped 4-4-4-4, with the public id, status and a warning to keep it', async () => {
  const page = await openWithReceipt(ANSWER);

  const groups = page.querySelectorAll('.receipt__group').map((node) => text(node));
  expect(groups).toEqual(['4821', '0933', '7561', '0248']);
  const shown = text(page);
  expect(shown).toContain('JB7K3M9PQR2T');
  expect(shown).toContain('已提交');
  expect(shown).toContain('回执码只显示这一次，平台不保存，遗失后无法找回');
  expect(wx.setStorageSync).not.toHaveBeenCalled();
  page.instance.onUnload();
});

test('copies the receipt, grouped, to the clipboard', async () => {
  const page = await openWithReceipt(ANSWER);

  page.querySelector('#copy').dispatchEvent('tap');
  await settle();

  expect(wx.setClipboardData).toHaveBeenCalledWith({data: '4821 0933 7561 0248'});
  page.instance.onUnload();
});

test('finishing asks whether the receipt is kept, then returns to the 举报 tab', async () => {
  const page = await openWithReceipt(ANSWER);

  page.querySelector('#finish').dispatchEvent('tap');
  await settle();

  expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({title: '已保存回执码了吗？'}));
  expect(wx.switchTab).toHaveBeenCalledWith({url: '/pages/report/index'});
  page.instance.onUnload();
});

test('opened again (or any other way) it cannot show the receipt', async () => {
  const page = await openPage('packages/reports/receipt/index');
  await settle();

  expect(text(page)).toContain('回执码只在提交后显示一次，现在已无法再次显示');
  expect(page.querySelector('#receipt-code')).toBeFalsy();
  page.instance.copy();
  expect(wx.setClipboardData).not.toHaveBeenCalled();
});
