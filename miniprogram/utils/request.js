// The only caller of wx.request and wx.uploadFile. Every API call goes through here, so that
// tokens, silent re-login, timeouts, idempotency keys and error toasts behave the same everywhere.
//
// auth: 'member' (default) sends the member token and logs in silently when there is none or it
//       has expired (one re-login and one retry on a 401);
//       'none' sends no Authorization header at all and never calls wx.login: anonymous reports
//       and receipt lookups must not carry anything that names the reporter.

const config = require('../config/index');
const serverClock = require('./server-clock');
const session = require('./session');

const DEFAULT_TIMEOUT = 15000;
const UPLOAD_TIMEOUT = 60000;
const NETWORK_MESSAGE = '网络不给力，请检查网络后重试';

/** An API failure in the server's error contract, or a network failure (statusCode 0). */
class ApiError extends Error {
  constructor({statusCode = 0, message = NETWORK_MESSAGE, reason = 'network_error', errors} = {}) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.reason = reason;
    this.errors = errors || {};
  }

  /** True when no answer came back: the request may or may not have reached the server. */
  get network() {
    return this.statusCode === 0;
  }
}

function url(path, query) {
  const base = config.current().baseUrl + config.API_PREFIX + path;
  const pairs = Object.keys(query || {})
    .filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key])}`);
  return pairs.length ? `${base}?${pairs.join('&')}` : base;
}

function parse(data) {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch (error) {
    return data;
  }
}

function toError(statusCode, body) {
  const parsed = parse(body);
  if (parsed && typeof parsed === 'object' && parsed.message) {
    return new ApiError({
      statusCode,
      message: parsed.message,
      reason: parsed.reason || 'error',
      errors: parsed.errors,
    });
  }
  return new ApiError({statusCode, message: `服务暂时不可用（${statusCode}），请稍后重试`, reason: 'http_error'});
}

/** One wx.request, as a promise of {statusCode, data}; rejects only when nothing came back. */
function send({method, path, query, data, header, timeout}) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: url(path, query),
      method,
      data: method === 'GET' || data === undefined ? undefined : data,
      header: Object.assign({'content-type': 'application/json'}, header),
      timeout: timeout || DEFAULT_TIMEOUT,
      dataType: 'json',
      success: (res) => {
        const headers = res.header || {};
        serverClock.observe(headers.Date || headers.date);
        resolve({statusCode: res.statusCode, data: parse(res.data)});
      },
      fail: () => reject(new ApiError()),
    });
  });
}

/** One wx.uploadFile, as a promise of {statusCode, data}. */
function sendFile({path, filePath, name, formData, header, timeout}) {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: url(path),
      filePath,
      name: name || 'file',
      formData: formData || {},
      header: header || {},
      timeout: timeout || UPLOAD_TIMEOUT,
      success: (res) => resolve({statusCode: res.statusCode, data: parse(res.data)}),
      fail: () => reject(new ApiError()),
    });
  });
}

function wxLogin() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new ApiError({message: '微信登录失败，请重试', reason: 'wx_login_failed'}))),
      fail: () => reject(new ApiError({message: '微信登录失败，请重试', reason: 'wx_login_failed'})),
    });
  });
}

let pendingLogin = null;

/** Log in with WeChat (POST /auth/login); parallel callers share one login. */
function login() {
  if (!pendingLogin) {
    pendingLogin = wxLogin()
      .then((code) => send({method: 'POST', path: '/auth/login', data: {code}}))
      .then(({statusCode, data}) => {
        if (statusCode !== 200) throw toError(statusCode, data);
        session.save(data.token, data.member);
        return data;
      })
      .finally(() => {
        pendingLogin = null;
      });
  }
  return pendingLogin;
}

async function authHeader(auth) {
  if (auth === 'none') return {};
  let token = session.token();
  if (!token) {
    token = (await login()).token;
  }
  return {Authorization: `Bearer ${token}`};
}

function toast(error) {
  wx.showToast({title: error.message, icon: 'none', duration: 2500});
}

/**
 * Call the API. Resolves with the response body; rejects with an ApiError after showing its
 * Chinese message as a toast (unless `silent`). Options:
 *   method, path, query, data, auth ('member' | 'none'), timeout, silent,
 *   idempotencyKey: sent as Idempotency-Key, so that a retried write is done once,
 *   retries: how many times to resend after a network failure (only for safe or keyed requests).
 */
async function request(options) {
  const {auth = 'member', silent = false, retries = 0} = options;
  const header = {};
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;
  const transport = options.filePath ? sendFile : send;
  try {
    let answer = await withRetries(async () => transport(Object.assign({}, options, {header: Object.assign({}, header, await authHeader(auth))})), retries);
    if (answer.statusCode === 401 && auth !== 'none') {
      session.clear();
      await login();
      answer = await withRetries(async () => transport(Object.assign({}, options, {header: Object.assign({}, header, await authHeader(auth))})), retries);
    }
    if (answer.statusCode >= 200 && answer.statusCode < 300) return answer.data;
    throw toError(answer.statusCode, answer.data);
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError({message: '出错了，请稍后重试', reason: 'client_error'});
    if (!silent) toast(failure);
    throw failure;
  }
}

async function withRetries(attempt, retries) {
  for (let left = retries; ; left -= 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ApiError) || !error.network || left <= 0) throw error;
      await new Promise((resolve) => setTimeout(resolve, 800 * (retries - left + 1)));
    }
  }
}

/** Upload a local file (multipart `file`); same options as request, plus filePath. */
function upload(options) {
  return request(Object.assign({method: 'POST', timeout: UPLOAD_TIMEOUT}, options));
}

/**
 * A fresh Idempotency-Key: 32 hex characters from WeChat's secure random source. The server
 * encrypts a replayed answer (a report's receipt) under this key, so it must not be guessable.
 */
function newKey() {
  return new Promise((resolve, reject) => {
    wx.getRandomValues({
      length: 16,
      success: (res) => {
        const bytes = new Uint8Array(res.randomValues);
        resolve(Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(''));
      },
      fail: () => reject(new ApiError({message: '请升级微信后重试', reason: 'random_unavailable'})),
    });
  });
}

module.exports = {ApiError, request, upload, login, newKey, NETWORK_MESSAGE};
