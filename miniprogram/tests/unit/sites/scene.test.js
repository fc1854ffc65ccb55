const {installWx, answer} = require('../../helpers/wx');
const scene = require('../../../utils/scene');

const TOKEN = 'AbCdEfGh_-12';

test('a decoded scene', () => {
  expect(scene.parse(`s=12&t=${TOKEN}`)).toEqual({siteId: 12, token: TOKEN, scene: `s=12&t=${TOKEN}`});
});

test('an encoded scene, as WeChat hands it to the page, once or twice encoded', () => {
  const encoded = encodeURIComponent(`s=12&t=${TOKEN}`);
  expect(encoded).toBe(`s%3D12%26t%3D${TOKEN}`);
  expect(scene.parse(encoded)).toEqual({siteId: 12, token: TOKEN, scene: `s=12&t=${TOKEN}`});
  expect(scene.parse(encodeURIComponent(encoded)).siteId).toBe(12);
  expect(scene.parse(`  ${encoded}\n`).siteId).toBe(12);
});

test.each([
  [undefined],
  [null],
  [42],
  [''],
  ['hello'],
  ['s=abc&t=xyz'],
  ['s=12'],
  [`t=${TOKEN}&s=12`],
  [`s=12&t=${TOKEN}&x=1`],
  ['s=12&t=has space'],
  ['%E0%A4%A'],
  ['https://example.com/?s=12&t=abc'],
])('junk is not a scene: %p', (junk) => {
  expect(scene.parse(junk)).toBeNull();
});

test('the scene from a wx.scanCode path of our check-in code', () => {
  const path = `packages/sites/checkin/index?scene=s%3D12%26t%3D${TOKEN}`;
  expect(scene.fromScan({path})).toEqual({siteId: 12, token: TOKEN, scene: `s=12&t=${TOKEN}`});
  expect(scene.fromScan({path: `/${path}`}).siteId).toBe(12);
  // Decoded by whoever built the path: the scene runs to the end.
  expect(scene.fromScan({path: `packages/sites/checkin/index?scene=s=7&t=${TOKEN}`}).siteId).toBe(7);
  expect(scene.fromScan({path: `packages/sites/checkin/index?from=x&scene=s%3D8%26t%3D${TOKEN}`}).siteId).toBe(8);
});

test.each([
  [{}],
  [null],
  [{path: ''}],
  [{result: 'https://example.com/', scanType: 'QR_CODE'}],
  [{path: `pages/home/index?scene=s%3D12%26t%3D${TOKEN}`}],
  [{path: 'packages/sites/checkin/index'}],
  [{path: 'packages/sites/checkin/index?scene=rubbish'}],
])('a scan result that is not our code gives no scene: %p', (result) => {
  expect(scene.fromScan(result)).toBeNull();
});

test('the check-in page address carries the scene encoded', () => {
  expect(scene.checkinUrl(`s=12&t=${TOKEN}`)).toBe(`/packages/sites/checkin/index?scene=s%3D12%26t%3D${TOKEN}`);
});

describe('scanAndOpen', () => {
  let wx;
  beforeEach(() => {
    wx = installWx();
  });

  test('opens the check-in page, or replaces the current one', async () => {
    wx.scanCode.mockImplementation((options) => answer(options, true, {path: `packages/sites/checkin/index?scene=s%3D3%26t%3D${TOKEN}`}));

    expect(await scene.scanAndOpen()).toBe(true);
    expect(await scene.scanAndOpen({replace: true})).toBe(true);

    const url = `/packages/sites/checkin/index?scene=s%3D3%26t%3D${TOKEN}`;
    expect(wx.navigateTo).toHaveBeenCalledWith({url});
    expect(wx.redirectTo).toHaveBeenCalledWith({url});
  });

  test('cancelling the camera says nothing', async () => {
    wx.scanCode.mockImplementation((options) => options.fail({errMsg: 'scanCode:fail cancel'}));

    expect(await scene.scanAndOpen()).toBe(false);
    expect(wx.showModal).not.toHaveBeenCalled();
    expect(wx.navigateTo).not.toHaveBeenCalled();
  });

  test('another code is explained', async () => {
    wx.scanCode.mockImplementation((options) => answer(options, true, {result: '6901234567892', scanType: 'EAN_13'}));

    expect(await scene.scanAndOpen()).toBe(false);
    expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({title: '不是阵地打卡码', showCancel: false}));
  });
});
