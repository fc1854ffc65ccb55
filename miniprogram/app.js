// 清廉协会 mini-program.

const privacy = require('./utils/privacy');

App({
  globalData: {},

  onLaunch() {
    privacy.listen();
  },
});
