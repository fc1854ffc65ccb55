// WeChat's privacy check (__usePrivacyCheck__): before the first call of a privacy API (location,
// photos, clipboard, nickname, avatar) WeChat asks the app to show its privacy notice; the
// <privacy-popup id="privacy"> on the page in front answers with the member's choice.

const popups = [];

/** The popup of the page in front, or the most recently shown one. */
function currentPopup() {
  const pages = typeof getCurrentPages === 'function' ? getCurrentPages() : [];
  const top = pages[pages.length - 1];
  const own = top && top.selectComponent ? top.selectComponent('#privacy') : null;
  return own || popups[popups.length - 1] || null;
}

/** Register the app-wide handler (app.js onLaunch). */
function listen() {
  if (!wx.onNeedPrivacyAuthorization) return;
  wx.onNeedPrivacyAuthorization((resolve) => {
    const popup = currentPopup();
    if (popup) popup.ask(resolve);
    else resolve({event: 'disagree'});
  });
}

/** A popup announces itself when attached… */
function register(popup) {
  popups.push(popup);
}

/** …and leaves when detached. */
function unregister(popup) {
  const index = popups.indexOf(popup);
  if (index >= 0) popups.splice(index, 1);
}

module.exports = {listen, register, unregister};
