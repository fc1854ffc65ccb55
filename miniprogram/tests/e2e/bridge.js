// The phone's network for the journeys: wx.request and wx.uploadFile become real HTTP to the
// running backend (the develop base URL, http://127.0.0.1:5000, is rewritten to its port), and
// wx.login hands out codes the fake WeChat accepts ("NAME.n" is always the member fake-NAME).
const fs = require('fs');
const http = require('http');
const path = require('path');
const {state} = require('./backend');

const DEVELOP_BASE = 'http://127.0.0.1:5000';

function target(url) {
  if (!url.startsWith(DEVELOP_BASE)) throw new Error(`the app called an unexpected host: ${url}`);
  return new URL(state().api + url.slice(DEVELOP_BASE.length));
}

function send(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {method, headers}, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({statusCode: res.statusCode, header: res.headers, text: Buffer.concat(chunks).toString('utf8')}));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function multipart(fieldName, filePath, fields) {
  const boundary = `----qinglian${Date.now().toString(16)}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields || {})) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${path.basename(filePath)}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    fs.readFileSync(filePath),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}`};
}

/**
 * Bridge a fake wx (tests/helpers/wx.js) to the backend as member `name`. Returns
 * {log, offline(bool), as(name)}: log holds every request the app made (url, method, header, body).
 */
function connect(wx, name) {
  const log = [];
  let offline = false;
  let member = name;
  let codes = 0;

  const settle = (options, promise) => {
    promise.then(
      (res) => {
        if (options.success) options.success(res);
        if (options.complete) options.complete(res);
      },
      (error) => {
        const res = {errMsg: `request:fail ${error.message}`};
        if (options.fail) options.fail(res);
        if (options.complete) options.complete(res);
      },
    );
  };

  wx.login.mockImplementation((options) => {
    codes += 1;
    const res = {code: `${member}.${Date.now()}${codes}`, errMsg: 'login:ok'};
    setTimeout(() => {
      options.success(res);
      if (options.complete) options.complete(res);
    }, 0);
  });

  wx.request.mockImplementation((options) => {
    const method = (options.method || 'GET').toUpperCase();
    const header = Object.assign({}, options.header);
    const body = options.data === undefined ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
    log.push({kind: 'request', url: options.url, method, header, body});
    const call = offline
      ? Promise.reject(new Error('offline'))
      : send(target(options.url), method, header, body).then((res) => {
          let data = res.text;
          try {
            data = JSON.parse(res.text);
          } catch (error) {
            // Not JSON (a photo): give the text, as wx.request does.
          }
          return {statusCode: res.statusCode, header: res.header, data, errMsg: 'request:ok'};
        });
    settle(options, call);
    return {abort() {}};
  });

  wx.uploadFile.mockImplementation((options) => {
    const header = Object.assign({}, options.header);
    log.push({kind: 'upload', url: options.url, method: 'POST', header, body: JSON.stringify(options.formData || {}), filePath: options.filePath});
    const call = offline
      ? Promise.reject(new Error('offline'))
      : (() => {
          const form = multipart(options.name, options.filePath, options.formData);
          return send(target(options.url), 'POST', Object.assign({}, header, {'Content-Type': form.type}), form.body).then((res) => ({
            statusCode: res.statusCode,
            header: res.header,
            data: res.text,
            errMsg: 'uploadFile:ok',
          }));
        })();
    settle(options, call);
    return {abort() {}, onProgressUpdate() {}};
  });

  return {
    log,
    offline(value) {
      offline = value;
    },
    /** Log in as another WeChat user from now on. */
    as(other) {
      member = other;
    },
  };
}

/** Call the API directly (as staff in the console would), returning {statusCode, data}. */
async function api(method, pathAndQuery, {token, body} = {}) {
  const header = {'Content-Type': 'application/json'};
  if (token) header.Authorization = `Bearer ${token}`;
  const res = await send(new URL(state().api + pathAndQuery), method, header, body ? JSON.stringify(body) : undefined);
  let data = res.text;
  try {
    data = JSON.parse(res.text);
  } catch (error) {
    // Binary bodies stay as they are.
  }
  return {statusCode: res.statusCode, data, header: res.header};
}

/** GET a binary body (a PNG) from the API. */
function download(pathAndQuery, token) {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(state().api + pathAndQuery), {headers: {Authorization: `Bearer ${token}`}}, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({statusCode: res.statusCode, body: Buffer.concat(chunks)}));
      })
      .on('error', reject);
  });
}

/** An admin token for the journeys' city admin. */
async function adminToken() {
  const {admin} = state();
  const res = await api('POST', '/api/v1/admin/auth/login', {body: {username: admin.username, password: admin.password}});
  if (res.statusCode !== 200) throw new Error(`admin login failed: ${JSON.stringify(res.data)}`);
  return res.data.token;
}

/** Wait until check() returns something truthy (polling), or fail after `ms`. */
async function waitFor(check, ms = 15000, what = 'condition') {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

module.exports = {connect, api, download, adminToken, waitFor};
