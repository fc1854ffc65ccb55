// A scripted API behind the fake wx.request / wx.uploadFile, for page and unit tests:
//   const api = fakeApi(wx);
//   api.on('GET', '/competitions/:id', ({params}) => [200, {...}]);
// Handlers get {method, path, params, query, data, header, filePath} and return [status, body].
// api.offline(true) makes every call fail like a lost connection; api.calls lists what was sent.

const {answer} = require('./wx');

const PREFIX = '/api/v1';

function compile(pattern) {
  const names = [];
  const source = pattern.replace(/:([a-z_]+)/g, (_, name) => {
    names.push(name);
    return '([^/?]+)';
  });
  return {regex: new RegExp(`^${source}$`), names};
}

function split(url) {
  const [address, search = ''] = url.split('?');
  const path = address.replace(/^https?:\/\/[^/]+/, '').replace(PREFIX, '');
  const query = {};
  search
    .split('&')
    .filter(Boolean)
    .forEach((pair) => {
      const [key, value = ''] = pair.split('=');
      query[decodeURIComponent(key)] = decodeURIComponent(value);
    });
  return {path, query};
}

function fakeApi(wx) {
  const routes = [];
  const calls = [];
  let offline = false;

  function dispatch(options, kind) {
    const method = (options.method || (kind === 'upload' ? 'POST' : 'GET')).toUpperCase();
    const {path, query} = split(options.url);
    const header = Object.assign({}, options.header);
    const call = {kind, method, path, query, data: options.data, header, filePath: options.filePath, formData: options.formData};
    calls.push(call);
    return new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
      if (offline) return answer(options, false, {errMsg: `${kind}:fail timeout`}).catch(() => {});
      for (const route of routes) {
        if (route.method !== method) continue;
        const match = route.regex.exec(path);
        if (!match) continue;
        const params = {};
        route.names.forEach((name, index) => {
          params[name] = decodeURIComponent(match[index + 1]);
        });
        const result = route.handler(Object.assign({params}, call));
        if (result === 'network') return answer(options, false, {errMsg: `${kind}:fail`}).catch(() => {});
        const [statusCode, body] = result;
        const data = kind === 'upload' ? JSON.stringify(body) : body;
        return answer(options, true, {statusCode, data, header: {}});
      }
      const body = {code: 404, status: 'Not Found', message: '未找到', reason: 'no_fake_route'};
      return answer(options, true, {statusCode: 404, data: kind === 'upload' ? JSON.stringify(body) : body});
    });
  }

  wx.request.mockImplementation((options) => {
    dispatch(options, 'request');
    return {abort: jest.fn()};
  });
  wx.uploadFile.mockImplementation((options) => {
    dispatch(options, 'upload');
    return {abort: jest.fn(), onProgressUpdate: jest.fn()};
  });

  return {
    calls,
    /** Answer METHOD path-pattern with handler (or a fixed [status, body]). */
    on(method, pattern, handler) {
      const {regex, names} = compile(pattern);
      routes.unshift({method, regex, names, handler: typeof handler === 'function' ? handler : () => handler});
      return this;
    },
    offline(value) {
      offline = value;
    },
    /** Accept WeChat logins as this member (POST /auth/login), and serve GET /me. */
    member(member) {
      this.on('POST', '/auth/login', () => [200, {token: `token-${member.id}`, expires_in: 604800, member}]);
      this.on('GET', '/me', () => [200, member]);
      return this;
    },
    /** Calls sent to METHOD path (exact path, no prefix). */
    sent(method, path) {
      return calls.filter((call) => call.method === method && call.path === path);
    },
  };
}

/** A body in the server's error contract. */
function error(code, reason, message, errors) {
  return [code, {code, status: 'Error', message, reason, errors: errors || {}}];
}

module.exports = {fakeApi, error};
