// Package sizes as WeChat counts them when unused files are filtered out (DevTools'
// "过滤无依赖文件", project.config.json ignoreUploadUnusedFiles): starting from app.json, every page
// and the files they reach — components, required scripts, imported styles and templates, WXS
// modules and images named in code — counted once, in the subpackage whose root holds it, or in
// the main package. `node scripts/package-size.js` prints the table.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const LIMITS = {main: 2 * 1024 * 1024, subpackage: 2 * 1024 * 1024, total: 20 * 1024 * 1024};
const COMPONENT_EXTENSIONS = ['.js', '.json', '.wxml', '.wxss'];

function exists(file) {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

/** A module path as WeChat resolves require(): relative, absolute from the root, or npm. */
function resolveScript(from, request) {
  const candidates = [];
  if (request.startsWith('.')) candidates.push(path.resolve(path.dirname(from), request));
  else if (request.startsWith('/')) candidates.push(path.join(ROOT, request));
  else {
    for (let dir = path.dirname(from); dir.startsWith(ROOT); dir = path.dirname(dir)) {
      candidates.push(path.join(dir, 'miniprogram_npm', request));
      if (dir === ROOT) break;
    }
  }
  for (const base of candidates) {
    for (const file of [base, `${base}.js`, path.join(base, 'index.js')]) {
      if (exists(file)) return file;
    }
  }
  return null;
}

/** A component path from usingComponents, as WeChat resolves it. */
function resolveComponent(from, request) {
  if (request.startsWith('plugin://')) return null;
  const bases = request.startsWith('/')
    ? [path.join(ROOT, request)]
    : request.startsWith('.')
      ? [path.resolve(path.dirname(from), request)]
      : [path.join(ROOT, 'miniprogram_npm', request), path.resolve(path.dirname(from), request)];
  for (const base of bases) {
    for (const candidate of [base, path.join(base, 'index')]) {
      if (exists(`${candidate}.json`)) return candidate;
    }
  }
  return null;
}

function resolveAsset(from, request) {
  const file = request.startsWith('/') ? path.join(ROOT, request) : path.resolve(path.dirname(from), request);
  return exists(file) ? file : null;
}

/** The files one file pulls in. */
function references(file) {
  const text = fs.readFileSync(file, 'utf8');
  const found = [];
  const ext = path.extname(file);
  const add = (resolved) => resolved && found.push(resolved);
  const assets = /["'(]((?:\/|\.\.?\/)[^"'()\s]+\.(?:png|jpe?g|gif|svg|webp))["')]/g;
  if (ext === '.js' || ext === '.wxs') {
    for (const [, request] of text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) add(resolveScript(file, request));
    for (const [, request] of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)) add(resolveScript(file, request));
  }
  if (ext === '.json') {
    const using = (JSON.parse(text).usingComponents || {});
    for (const request of Object.values(using)) {
      const base = resolveComponent(file, request);
      if (base) COMPONENT_EXTENSIONS.forEach((extension) => exists(base + extension) && found.push(base + extension));
    }
  }
  if (ext === '.wxss') {
    for (const [, request] of text.matchAll(/@import\s+['"]([^'"]+)['"]/g)) add(resolveAsset(file, request));
  }
  if (ext === '.wxml') {
    for (const [, request] of text.matchAll(/<(?:import|include|wxs)[^>]*\bsrc=["']([^"']+)["']/g)) {
      add(resolveAsset(file, request) || resolveAsset(file, `${request}.wxml`));
    }
  }
  for (const [, request] of text.matchAll(assets)) add(resolveAsset(file, request));
  return found;
}

/** {main: {files, bytes}, <subpackage root>: {files, bytes}, total} for the app as it stands. */
function measure() {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
  const subpackages = app.subPackages || app.subpackages || [];
  const roots = subpackages.map((sub) => sub.root.replace(/\/$/, ''));
  const owner = (file) => roots.find((root) => path.relative(ROOT, file).startsWith(`${root}/`)) || 'main';

  const start = ['app.js', 'app.json', 'app.wxss', 'sitemap.json'].map((name) => path.join(ROOT, name)).filter(exists);
  const pagesOf = (prefix, pages) =>
    pages.flatMap((page) => COMPONENT_EXTENSIONS.map((ext) => path.join(ROOT, prefix, page + ext)).filter(exists));
  start.push(...pagesOf('', app.pages));
  subpackages.forEach((sub) => start.push(...pagesOf(sub.root, sub.pages)));
  for (const item of (app.tabBar && app.tabBar.list) || []) {
    for (const icon of [item.iconPath, item.selectedIconPath].filter(Boolean)) start.push(path.join(ROOT, icon));
  }

  const seen = new Set();
  const queue = start.slice();
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (/\.(js|json|wxml|wxss|wxs)$/.test(file)) queue.push(...references(file));
  }

  const sizes = {main: {files: 0, bytes: 0}};
  roots.forEach((root) => (sizes[root] = {files: 0, bytes: 0}));
  let total = 0;
  for (const file of seen) {
    const bytes = fs.statSync(file).size;
    const bucket = sizes[owner(file)];
    bucket.files += 1;
    bucket.bytes += bytes;
    total += bytes;
  }
  return {packages: sizes, total, files: Array.from(seen).map((file) => path.relative(ROOT, file)).sort()};
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

if (require.main === module) {
  const {packages, total} = measure();
  for (const [name, {files, bytes}] of Object.entries(packages)) {
    console.log(`${name.padEnd(16)} ${String(files).padStart(4)} files  ${kb(bytes).padStart(10)}`);
  }
  console.log(`${'all'.padEnd(16)} ${' '.repeat(11)}${kb(total).padStart(10)}`);
}

module.exports = {measure, LIMITS, ROOT};
