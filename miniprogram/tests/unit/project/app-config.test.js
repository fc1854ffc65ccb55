// app.json and project.config.json as WeChat and DevTools read them.
const fs = require('fs');
const path = require('path');
const {ROOT} = require('../../helpers/page');
const {measure, LIMITS} = require('../../../scripts/package-size');

const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
const project = JSON.parse(fs.readFileSync(path.join(ROOT, '..', 'project.config.json'), 'utf8'));
const PRIVATE_LOCATION_APIS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
];

function sources(dir = ROOT, found = []) {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    if (['node_modules', 'miniprogram_npm', 'tests', 'scripts'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, found);
    else if (/\.(js|wxml)$/.test(entry.name) && !entry.name.endsWith('.config.js')) found.push(full);
  }
  return found;
}

const allPages = app.pages.concat(...app.subPackages.map((sub) => sub.pages.map((page) => `${sub.root}/${page}`)));

test('DevTools opens the repository root: miniprogram/ with a tourist appid and manual npm build', () => {
  expect(project.miniprogramRoot).toBe('miniprogram/');
  expect(project.appid).toBe('touristappid');
  expect(project.setting.urlCheck).toBe(false);
  expect(project.setting.packNpmManually).toBe(true);
  expect(project.setting.packNpmRelationList).toEqual([
    {packageJsonPath: './miniprogram/package.json', miniprogramNpmDistDir: './miniprogram/'},
  ]);
  const ignored = project.packOptions.ignore.map((rule) => rule.value);
  expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'tests', 'scripts']));
});

test('every page is a folder of four index files', () => {
  for (const page of allPages) {
    expect(page).toMatch(/\/index$/);
    for (const ext of ['.js', '.json', '.wxml', '.wxss']) {
      expect([page + ext, fs.existsSync(path.join(ROOT, page + ext))]).toEqual([page + ext, true]);
    }
  }
});

test('the tab bar is 首页 / 竞赛 / 地图 / 举报 / 我的, all in the main package, with icons', () => {
  expect(app.tabBar.list.map((item) => item.text)).toEqual(['首页', '竞赛', '地图', '举报', '我的']);
  for (const item of app.tabBar.list) {
    expect(app.pages).toContain(item.pagePath);
    for (const icon of [item.iconPath, item.selectedIconPath]) {
      const file = path.join(ROOT, icon);
      expect(fs.statSync(file).size).toBeLessThan(40 * 1024);
    }
  }
  expect(app.pages).toHaveLength(app.tabBar.list.length);
});

test('each feature is its own subpackage', () => {
  expect(app.subPackages.map((sub) => sub.root)).toEqual([
    'packages/quiz',
    'packages/sites',
    'packages/reports',
    'packages/me',
  ]);
});

test('every component a page or component uses exists', () => {
  const jsonFiles = allPages.map((page) => path.join(ROOT, `${page}.json`));
  const seen = new Set();
  while (jsonFiles.length) {
    const file = jsonFiles.pop();
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const using = JSON.parse(fs.readFileSync(file, 'utf8')).usingComponents || {};
    for (const [tag, target] of Object.entries(using)) {
      const base = target.startsWith('/')
        ? path.join(ROOT, target)
        : target.startsWith('.')
          ? path.resolve(path.dirname(file), target)
          : path.join(ROOT, 'miniprogram_npm', target);
      expect([file, tag, fs.existsSync(`${base}.json`)]).toEqual([file, tag, true]);
      if (!base.includes('miniprogram_npm')) jsonFiles.push(`${base}.json`);
    }
  }
});

test('requiredPrivateInfos declares exactly the location APIs the code calls', () => {
  const called = new Set();
  for (const file of sources()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const api of PRIVATE_LOCATION_APIS) {
      if (new RegExp(`wx\\.${api}\\b`).test(text)) called.add(api);
    }
  }
  expect(called.size).toBeGreaterThan(0);
  expect(app.requiredPrivateInfos.slice().sort()).toEqual(Array.from(called).sort());
  expect(app.permission['scope.userLocation'].desc.length).toBeGreaterThan(10);
});

test('privacy checks are on, with the popup answering wx.onNeedPrivacyAuthorization', () => {
  expect(app.__usePrivacyCheck__).toBe(true);
  expect(fs.readFileSync(path.join(ROOT, 'utils/privacy.js'), 'utf8')).toMatch(/wx\.onNeedPrivacyAuthorization/);
  expect(fs.readFileSync(path.join(ROOT, 'app.js'), 'utf8')).toMatch(/privacy\.listen\(\)/);
  expect(app.networkTimeout.request).toBeGreaterThan(0);
  expect(app.networkTimeout.uploadFile).toBeGreaterThan(app.networkTimeout.request);
});

test('pages that call privacy APIs carry the privacy popup', () => {
  const privacyApis = /wx\.(getLocation|chooseMedia|chooseImage|setClipboardData|getClipboardData|scanCode)\b|open-type="chooseAvatar"|type="nickname"/;
  for (const page of allPages) {
    const own = ['.js', '.wxml'].map((ext) => path.join(ROOT, page + ext)).filter((file) => fs.existsSync(file));
    if (!own.some((file) => privacyApis.test(fs.readFileSync(file, 'utf8')))) continue;
    const wxml = fs.readFileSync(path.join(ROOT, `${page}.wxml`), 'utf8');
    expect([page, /<privacy-popup[^>]*id="privacy"/.test(wxml)]).toEqual([page, true]);
  }
});

test('package sizes as WeChat counts them: main ≤ 2 MB, each subpackage ≤ 2 MB, all ≤ 20 MB', () => {
  const {packages, total} = measure();
  expect(packages.main.files).toBeGreaterThan(10);
  for (const [name, {bytes}] of Object.entries(packages)) {
    expect([name, bytes <= (name === 'main' ? LIMITS.main : LIMITS.subpackage)]).toEqual([name, true]);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.total);
});
