const {installWx, answer} = require('../../helpers/wx');

let wx;
let location;

beforeEach(() => {
  jest.resetModules();
  wx = installWx();
  location = require('../../../utils/location');
});

test.each([
  ['getLocation:fail auth deny', 'denied'],
  ['getLocation:fail:auth denied', 'denied'],
  ['getLocation:fail authorize no response', 'denied'],
  ['getLocation:fail privacy permission is not authorized', 'privacy'],
  ['getLocation:fail system permission denied', 'system'],
  ['getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF', 'system'],
  ['getLocation:fail timeout', 'failed'],
  [undefined, 'failed'],
])('%s is %s', (errMsg, kind) => {
  expect(location.classify(errMsg)).toBe(kind);
});

test('only a refusal sends the member to the settings page; the rest try again', () => {
  expect(location.note('denied').action).toBe('settings');
  expect(location.note('privacy').action).toBe('retry');
  expect(location.note('system').action).toBe('retry');
  expect(location.note('nonsense')).toEqual(location.note('failed'));
});

test('asks for GCJ-02 and keeps the fix for a few minutes', async () => {
  expect(location.recent()).toBeNull();

  await expect(location.locate()).resolves.toEqual({lat: 28.656, lng: 121.421});

  expect(wx.getLocation).toHaveBeenCalledWith(expect.objectContaining({type: 'gcj02'}));
  expect(wx.getLocation.mock.calls[0][0].isHighAccuracy).toBeUndefined();
  expect(location.recent()).toEqual({lat: 28.656, lng: 121.421});
  expect(location.recent(-1)).toBeNull();
});

test('a failure rejects with its kind', async () => {
  wx.getLocation.mockImplementation((options) => answer(options, false, {errMsg: 'getLocation:fail auth deny'}).catch(() => {}));

  await expect(location.locate({highAccuracy: true})).rejects.toEqual({kind: 'denied', errMsg: 'getLocation:fail auth deny'});
  expect(wx.getLocation.mock.calls[0][0]).toMatchObject({isHighAccuracy: true, highAccuracyExpireTime: 4000});
});

test('whether location is allowed, and the settings page', async () => {
  expect(await location.allowed()).toBeUndefined();
  wx.getSetting.mockImplementation((options) => answer(options, true, {authSetting: {'scope.userLocation': false}}));
  expect(await location.allowed()).toBe(false);

  expect(await location.openSettings()).toBe(false);
  wx.openSetting.mockImplementation((options) => answer(options, true, {authSetting: {'scope.userLocation': true}}));
  expect(await location.openSettings()).toBe(true);
});
