// Where the API lives in each WeChat environment. `develop` is DevTools and real-device preview
// against `make run`; `trial` (体验版) and `release` (正式版) must be HTTPS domains listed under
// 开发管理 → 服务器域名 in the mini-program's admin console; replace these placeholders with the
// deployment's own domains before uploading a build (docs/miniprogram.md).
const ENVIRONMENTS = {
  develop: {baseUrl: 'http://127.0.0.1:5000'},
  trial: {baseUrl: 'https://trial.qinglian.example.com'},
  release: {baseUrl: 'https://qinglian.example.com'},
};

const API_PREFIX = '/api/v1';

/** The settings for one environment name, falling back to release for unknown names. */
function forEnv(envVersion) {
  return ENVIRONMENTS[envVersion] || ENVIRONMENTS.release;
}

/** The settings of the environment this copy of the mini-program runs in. */
function current() {
  let envVersion = 'release';
  try {
    envVersion = wx.getAccountInfoSync().miniProgram.envVersion;
  } catch (error) {
    // Very old base libraries lack getAccountInfoSync: they can only be a release build.
  }
  return forEnv(envVersion);
}

module.exports = {ENVIRONMENTS, API_PREFIX, forEnv, current};
