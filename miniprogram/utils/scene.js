// A site's check-in code: a mini-program code opening CHECKIN_PAGE with the scene "s=<site id>&t=<token>".
// WeChat hands the page the scene URL-encoded (options.scene); an in-app wx.scanCode returns the
// code's path, such as "packages/sites/checkin/index?scene=s%3D12%26t%3Dabc".

const CHECKIN_PAGE = 'packages/sites/checkin/index';
// The server judges the token; here it only has to look like one.
const SCENE = /^s=(\d{1,15})&t=([A-Za-z0-9_-]{1,32})$/;

/** {siteId, token, scene (decoded)} from a scene as WeChat gives it or decoded; null when not ours. */
function parse(text) {
  let value = typeof text === 'string' ? text.trim() : '';
  // Decode as often as it was encoded (a code passed through another link may be encoded twice).
  for (let round = 0; round < 3 && value.includes('%'); round += 1) {
    try {
      value = decodeURIComponent(value);
    } catch (error) {
      return null;
    }
  }
  const match = SCENE.exec(value);
  return match ? {siteId: Number(match[1]), token: match[2], scene: value} : null;
}

/** The scene of a wx.scanCode result when it is one of our check-in codes, else null. */
function fromScan(result) {
  const path = (result && typeof result.path === 'string' && result.path) || '';
  const [page, query = ''] = path.replace(/^\//, '').split('?');
  if (page !== CHECKIN_PAGE) return null;
  const start = query.search(/(^|&)scene=/);
  if (start < 0) return null;
  const value = query.slice(query.indexOf('scene=', start) + 'scene='.length);
  // An encoded scene ends at the next "&"; a decoded one runs to the end ("s=12&t=…").
  return parse(value.split('&')[0]) || parse(value);
}

/** The check-in page's address for a scene. */
function checkinUrl(scene) {
  return `/${CHECKIN_PAGE}?scene=${encodeURIComponent(scene)}`;
}

/**
 * Scan with the camera and open the check-in page of a site code (replacing the current page when
 * `replace`); anything else gets a plain explanation. Resolves true when a check-in page opened.
 */
function scanAndOpen({replace = false} = {}) {
  return new Promise((resolve) => {
    wx.scanCode({
      scanType: ['wxCode', 'qrCode'],
      success: (result) => {
        const parsed = fromScan(result);
        if (!parsed) {
          wx.showModal({
            title: '不是阵地打卡码',
            content: '请扫描清廉文化阵地现场张贴的小程序码进行打卡。',
            showCancel: false,
            confirmText: '知道了',
          });
          resolve(false);
          return;
        }
        const open = replace ? wx.redirectTo : wx.navigateTo;
        open({url: checkinUrl(parsed.scene)});
        resolve(true);
      },
      // Cancelling the camera is not an error worth a message.
      fail: () => resolve(false),
    });
  });
}

module.exports = {CHECKIN_PAGE, parse, fromScan, checkinUrl, scanAndOpen};
