// The real backend for the journeys: the Flask app (SQLite, demo data) and the fake WeChat, each
// in its own process on a free port, started once per jest run (globalSetup / globalTeardown).
const {spawn, execFileSync} = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '../../..');
const STATE_FILE = path.join(os.tmpdir(), `qinglian-e2e-${process.pid}.json`);

function python() {
  return process.env.PYTHON || path.join(REPO, '.venv/bin/python');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

function environment(dir, wechatPort) {
  return Object.assign({}, process.env, {
    APP_ENV: 'development',
    FLASK_APP: 'wsgi.py',
    DATABASE_URL: `sqlite:///${path.join(dir, 'app.db')}`,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    // Empty: neither the CI's Redis nor a developer's .env — the journeys run on SQLite and memory.
    REDIS_URL: '',
    WECHAT_MODE: 'fake',
    WECHAT_API_BASE: `http://127.0.0.1:${wechatPort}`,
    SECRET_KEY: crypto.randomBytes(24).toString('hex'),
    RECEIPT_SALT: crypto.randomBytes(24).toString('hex'),
    LOG_LEVEL: 'WARNING',
  });
}

function flask(env, ...args) {
  return execFileSync(python(), ['-m', 'flask', ...args], {cwd: REPO, env, encoding: 'utf8', stdio: 'pipe'});
}

function get(url) {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on('error', () => resolve(0));
  });
}

async function waitUntilUp(url, child, seconds = 30) {
  for (let i = 0; i < seconds * 10; i += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    if ((await get(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

function serve(args, env, log) {
  const out = fs.openSync(log, 'a');
  return spawn(python(), args, {cwd: REPO, env, stdio: ['ignore', out, out]});
}

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-'));
  const [apiPort, wechatPort] = [await freePort(), await freePort()];
  const env = environment(dir, wechatPort);
  const wechat = serve(['-m', 'flask', 'wechat-fake', '--port', String(wechatPort)], env, path.join(dir, 'wechat.log'));
  await waitUntilUp(`http://127.0.0.1:${wechatPort}/_fake/subscribe-messages`, wechat);
  flask(env, 'db', 'upgrade');
  flask(env, 'seed', 'demo');
  const admin = {username: 'e2e-city', password: crypto.randomBytes(12).toString('hex')};
  flask(env, 'admin', 'create', admin.username, '--password', admin.password, '--role', 'city_admin');
  const api = serve(['-m', 'backend.app.devserver', '--port', String(apiPort)], env, path.join(dir, 'api.log'));
  await waitUntilUp(`http://127.0.0.1:${apiPort}/api/v1/districts`, api);
  const state = {
    dir,
    api: `http://127.0.0.1:${apiPort}`,
    wechat: `http://127.0.0.1:${wechatPort}`,
    database: path.join(dir, 'app.db'),
    admin,
    pids: [api.pid, wechat.pid],
  };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  process.env.QINGLIAN_E2E_STATE = STATE_FILE;
}

function teardown() {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  for (const pid of state.pids) {
    try {
      process.kill(pid);
    } catch (error) {
      // Already gone.
    }
  }
  fs.rmSync(state.dir, {recursive: true, force: true});
  fs.rmSync(STATE_FILE, {force: true});
}

/** The running backend's addresses, admin account and database file (inside a test). */
function state() {
  return JSON.parse(fs.readFileSync(process.env.QINGLIAN_E2E_STATE, 'utf8'));
}

/** Run SQL on the backend's SQLite database with Python's sqlite3; rows as arrays. */
function query(sql, params = []) {
  const script = 'import json,sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2], json.loads(sys.argv[3])).fetchall()))';
  return JSON.parse(execFileSync(python(), ['-c', script, state().database, sql, JSON.stringify(params)], {encoding: 'utf8'}));
}

module.exports = {setup, teardown, state, query, REPO};
