// The member's position (wx.getLocation, GCJ-02 as the API and the map use) and what to say when
// it cannot be had. The last fix is kept for a few minutes so the next page need not ask again.

const RECENT_MS = 5 * 60 * 1000;

let last = null;

/**
 * Why wx.getLocation failed, from its errMsg: 'privacy' (the privacy notice was declined),
 * 'system' (the phone's location is off or WeChat may not use it), 'denied' (the member said no,
 * now or before) or 'failed' (anything else, such as a timeout).
 */
function classify(errMsg) {
  const message = String(errMsg || '');
  if (/privacy/i.test(message)) return 'privacy';
  if (/system permission|LOCATIONSWITCHOFF|location ?switch/i.test(message)) return 'system';
  if (/auth ?den(y|ied)|authorize/i.test(message)) return 'denied';
  return 'failed';
}

// What a page says for each failure, and what its button does: open WeChat's settings page (only
// useful once the member has said no) or simply try again.
const NOTES = {
  denied: {text: '您未允许获取位置。开启后可按距离由近到远查看阵地。', action: 'settings', button: '去开启'},
  privacy: {text: '您未同意隐私保护指引，暂时无法获取位置。', action: 'retry', button: '重新定位'},
  system: {text: '手机定位服务未开启，或未允许微信使用位置信息。请在手机设置中开启后重试。', action: 'retry', button: '重新定位'},
  failed: {text: '暂时无法获取您的位置。', action: 'retry', button: '重新定位'},
};

/** The note {text, action, button} for a failure kind. */
function note(kind) {
  return NOTES[kind] || NOTES.failed;
}

/** Ask for the position: resolves {lat, lng}, rejects {kind, errMsg}. */
function locate({highAccuracy = false} = {}) {
  return new Promise((resolve, reject) => {
    const options = {type: 'gcj02'};
    // At a site a fresher, finer fix is worth a few seconds; the map only needs the district.
    if (highAccuracy) Object.assign(options, {isHighAccuracy: true, highAccuracyExpireTime: 4000});
    wx.getLocation(Object.assign(options, {
      success: (res) => {
        last = {lat: res.latitude, lng: res.longitude, at: Date.now()};
        resolve({lat: res.latitude, lng: res.longitude});
      },
      fail: (res) => reject({kind: classify(res && res.errMsg), errMsg: (res && res.errMsg) || ''}),
    }));
  });
}

/** The last position found within the past few minutes, or null. */
function recent(maxAgeMs = RECENT_MS) {
  return last && Date.now() - last.at <= maxAgeMs ? {lat: last.lat, lng: last.lng} : null;
}

/** Whether the member has already allowed location: true, false (said no) or undefined (never asked). */
function allowed() {
  return new Promise((resolve) => {
    wx.getSetting({
      success: (res) => resolve((res.authSetting || {})['scope.userLocation']),
      fail: () => resolve(undefined),
    });
  });
}

/** Open WeChat's settings page (only from a tap); resolves whether location is allowed afterwards. */
function openSettings() {
  return new Promise((resolve) => {
    wx.openSetting({
      success: (res) => resolve((res.authSetting || {})['scope.userLocation'] === true),
      fail: () => resolve(false),
    });
  });
}

module.exports = {classify, note, locate, recent, allowed, openSettings};
