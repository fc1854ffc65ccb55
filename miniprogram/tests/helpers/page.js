// Render a real page or component (its WXML through WeChat's own compiler, its WXSS, its JS)
// with miniprogram-simulate, as WeChat would: tdesign components resolve from miniprogram_npm.

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const compiler = jest.requireActual('miniprogram-compiler');

const ROOT = path.resolve(__dirname, '../..');
const NPM_PREFIX = 'tdesign-miniprogram/';

function jsonFiles(dir, found = []) {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    if (['node_modules', 'miniprogram_npm', 'tests', 'scripts'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) jsonFiles(full, found);
    else if (entry.name.endsWith('.json')) found.push(full);
  }
  return found;
}

let npmComponents = null;

/** Every npm component any of our pages or components uses, mapped to miniprogram_npm. */
function npmOverrides() {
  if (!npmComponents) {
    npmComponents = {};
    for (const file of jsonFiles(ROOT)) {
      const using = JSON.parse(fs.readFileSync(file, 'utf8')).usingComponents || {};
      for (const [tag, target] of Object.entries(using)) {
        if (target.startsWith(NPM_PREFIX)) npmComponents[tag] = `/miniprogram_npm/${target}`;
      }
    }
  }
  return npmComponents;
}

function templateFiles(dir, found = []) {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    if (['node_modules', 'tests', 'scripts'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) templateFiles(full, found);
    else if (/\.(wxml|wxs)$/.test(entry.name)) found.push(full);
  }
  return found;
}

let compiled = null;

/**
 * WeChat's wcc compiles every template of the project at once (about 1.5 s); keep its output on
 * disk, keyed by the templates' contents, so each test file does not pay for it again.
 */
function compiledTemplates(rootPath, options) {
  if (!compiled) {
    const hash = crypto.createHash('sha256');
    for (const file of templateFiles(rootPath).sort()) {
      hash.update(file).update(fs.readFileSync(file));
    }
    const cache = path.join(os.tmpdir(), `qinglian-wcc-${hash.digest('hex').slice(0, 16)}.js`);
    if (fs.existsSync(cache)) {
      compiled = fs.readFileSync(cache, 'utf8');
    } else {
      compiled = compiler.wxmlToJs(rootPath, options);
      fs.writeFileSync(`${cache}.${process.pid}`, compiled);
      fs.renameSync(`${cache}.${process.pid}`, cache);
    }
  }
  return compiled;
}

/** Make getApp() return app.js's App({...}) object, with its globalData. */
function installApp() {
  let definition = null;
  global.App = (options) => {
    definition = options;
  };
  jest.isolateModules(() => {
    require(path.join(ROOT, 'app.js'));
  });
  const app = Object.assign({}, definition, {globalData: Object.assign({}, definition.globalData)});
  global.getApp = () => app;
  return app;
}

const stack = [];
global.getCurrentPages = () => stack.slice();

/** Load and attach a page or component (path relative to miniprogram/, without extension). */
function mount(relativePath, properties) {
  // Fresh modules per mount, as a relaunched app would have (simulate runs the page's JS anew).
  jest.resetModules();
  jest.doMock('miniprogram-compiler', () => Object.assign({}, compiler, {wxmlToJs: compiledTemplates}));
  if (!global.getApp) installApp();
  const simulate = require('miniprogram-simulate');
  if (module.exports.onSimulate) module.exports.onSimulate(simulate);
  const id = simulate.load(path.join(ROOT, relativePath), {
    compiler: 'official',
    rootPath: ROOT,
    usingComponents: npmOverrides(),
  });
  const component = simulate.render(id, properties);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  component.attach(parent);
  return component;
}

/**
 * Open a page as WeChat would: mount it, push it on the page stack, run onLoad(query) and onShow.
 * Awaits what the lifecycle methods return (pages return their loading promise).
 */
async function openPage(relativePath, query = {}) {
  const page = mount(relativePath);
  page.route = relativePath;
  page.instance.route = relativePath;
  stack.push(page.instance);
  if (page.instance.onLoad) await page.instance.onLoad(query);
  if (page.instance.onShow) await page.instance.onShow();
  await settle();
  return page;
}

/** Close every open page (runs onUnload), as leaving or killing the app does. */
function closePages() {
  while (stack.length) {
    const instance = stack.pop();
    if (instance.onUnload) instance.onUnload();
  }
  document.body.innerHTML = '';
}

/** Let pending promises, timers of 0 ms and setData renders run. */
async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The visible text of a rendered page or element, whitespace collapsed. */
function text(node) {
  const dom = node.dom || node;
  return dom.textContent.replace(/\s+/g, ' ').trim();
}

module.exports = {ROOT, mount, openPage, closePages, settle, text, installApp};
