// A fake `wx` for jest: storage kept in memory (and survivable across a simulated kill), every
// other API a jest.fn whose callbacks succeed by default. `installWx()` puts it on global.wx,
// keeping miniprogram-simulate's own stubs (system info, selector queries) underneath.

const crypto = require('crypto');

/** Call an options-style wx API's callbacks and return a promise like the real ones do. */
function answer(options, ok, result) {
  const settled = Object.assign({errMsg: ok ? 'ok' : 'fail'}, result);
  if (ok && options && options.success) options.success(settled);
  if (!ok && options && options.fail) options.fail(settled);
  if (options && options.complete) options.complete(settled);
  return ok ? Promise.resolve(settled) : Promise.reject(settled);
}

function succeed(result) {
  return jest.fn((options) => answer(options, true, result));
}

/** In-memory wx storage; `disk` may be shared between installs to survive a "kill". */
function storageApi(disk) {
  const copy = (value) => (value === undefined ? '' : JSON.parse(JSON.stringify(value)));
  return {
    getStorageSync: jest.fn((key) => (disk.has(key) ? copy(disk.get(key)) : '')),
    setStorageSync: jest.fn((key, value) => {
      disk.set(key, copy(value));
    }),
    removeStorageSync: jest.fn((key) => {
      disk.delete(key);
    }),
    clearStorageSync: jest.fn(() => disk.clear()),
    getStorageInfoSync: jest.fn(() => ({keys: Array.from(disk.keys())})),
  };
}

let loginCount = 0;

/**
 * Install a fresh fake wx. Options:
 *   disk: a Map to keep storage in (pass the same Map again to simulate reopening the app),
 *   envVersion: 'develop' | 'trial' | 'release'.
 */
function installWx({disk = new Map(), envVersion = 'develop'} = {}) {
  const appHide = [];
  const appShow = [];
  const fake = Object.assign(storageApi(disk), {
    disk,
    appHide,
    appShow,
    getAccountInfoSync: jest.fn(() => ({miniProgram: {appId: 'touristappid', envVersion}})),
    login: jest.fn((options) => {
      loginCount += 1;
      return answer(options, true, {code: `jest.${loginCount}`});
    }),
    request: jest.fn((options) => answer(options, false, {errMsg: 'request:fail no route'})),
    uploadFile: jest.fn((options) => answer(options, false, {errMsg: 'uploadFile:fail no route'})),
    getRandomValues: jest.fn((options) =>
      answer(options, true, {randomValues: crypto.randomBytes(options.length).buffer}),
    ),
    showToast: succeed(),
    showModal: succeed({confirm: true, cancel: false}),
    showLoading: succeed(),
    hideLoading: succeed(),
    showActionSheet: succeed({tapIndex: 0}),
    navigateTo: succeed(),
    redirectTo: succeed(),
    reLaunch: succeed(),
    switchTab: succeed(),
    navigateBack: succeed(),
    setNavigationBarTitle: succeed(),
    stopPullDownRefresh: succeed(),
    setClipboardData: succeed(),
    getLocation: succeed({latitude: 28.656, longitude: 121.421, accuracy: 30}),
    openLocation: succeed(),
    scanCode: succeed({path: '', result: ''}),
    chooseMedia: succeed({tempFiles: []}),
    previewImage: succeed(),
    requestSubscribeMessage: succeed({}),
    openPrivacyContract: succeed(),
    getPrivacySetting: succeed({needAuthorization: false, privacyContractName: '《清廉协会隐私保护指引》'}),
    onNeedPrivacyAuthorization: jest.fn(),
    getSetting: succeed({authSetting: {}}),
    openSetting: succeed({authSetting: {}}),
    vibrateShort: succeed(),
    onAppHide: jest.fn((handler) => appHide.push(handler)),
    offAppHide: jest.fn((handler) => appHide.splice(appHide.indexOf(handler) >>> 0, 1)),
    onAppShow: jest.fn((handler) => appShow.push(handler)),
    offAppShow: jest.fn((handler) => appShow.splice(appShow.indexOf(handler) >>> 0, 1)),
    onNetworkStatusChange: jest.fn(),
    offNetworkStatusChange: jest.fn(),
    createMapContext: jest.fn(() => ({
      initMarkerCluster: jest.fn(),
      addMarkers: jest.fn((options) => answer(options, true)),
      removeMarkers: jest.fn((options) => answer(options, true)),
      on: jest.fn(),
      moveToLocation: jest.fn(),
      includePoints: jest.fn(),
    })),
    /** Fire wx.onAppHide handlers (the member left the app). */
    hideApp() {
      appHide.slice().forEach((handler) => handler());
    },
    /** Fire wx.onAppShow handlers (the member came back). */
    showApp(options = {}) {
      appShow.slice().forEach((handler) => handler(options));
    },
    /** The titles of every toast shown so far. */
    toasts() {
      return fake.showToast.mock.calls.map(([options]) => options.title);
    },
  });
  // Simulate's stubs stay for whatever this fake does not define (getWindowInfo, nextTick…).
  global.wx = Object.assign(global.wx || {}, fake);
  return global.wx;
}

module.exports = {installWx, answer};
