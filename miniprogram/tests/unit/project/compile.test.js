// Every WXML and WXSS file compiles with WeChat's own compilers (wcc and wcsc, the binaries
// DevTools uses), so a template error fails here rather than in DevTools.
const fs = require('fs');
const path = require('path');
const compiler = jest.requireActual('miniprogram-compiler');
const {ROOT} = require('../../helpers/page');

function ownFiles(ext, dir = ROOT, found = []) {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    if (['node_modules', 'miniprogram_npm', 'tests', 'scripts'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) ownFiles(ext, full, found);
    else if (entry.name.endsWith(ext)) found.push(path.relative(ROOT, full));
  }
  return found;
}

test('every WXML file compiles with wcc, one at a time so an error names its file', () => {
  const files = ownFiles('.wxml');
  expect(files).toContain('pages/home/index.wxml');
  const wxs = ownFiles('.wxs');
  for (const file of files) {
    const name = file.replace(/\.wxml$/, '');
    expect(() => compiler.wxmlToJs(ROOT, {wxmlList: [`${name}.wxml`], wxsList: wxs})).not.toThrow();
  }
});

test('the whole app, tdesign included, compiles as one WXML bundle with a template per page', () => {
  const bundle = new Function(compiler.wxmlToJs(ROOT))();
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
  const pages = app.pages.concat(...app.subPackages.map((sub) => sub.pages.map((page) => `${sub.root}/${page}`)));
  for (const page of pages.filter((page) => fs.existsSync(path.join(ROOT, `${page}.wxml`)))) {
    expect(typeof bundle(`${page}.wxml`)).toBe('function');
  }
});

function compileStyles(root, files) {
  try {
    return new Function(compiler.wxssToJs(root, {wxssList: files}))();
  } catch (error) {
    // wcsc's own message does not say which file; find it.
    const culprit = files.find((file) => {
      try {
        compiler.wxssToJs(root, {wxssList: [file]});
        return false;
      } catch (single) {
        return true;
      }
    });
    throw new Error(`wcsc cannot compile ${culprit}: ${error.message}`, {cause: error});
  }
}

test('every WXSS file compiles with wcsc', () => {
  const files = ownFiles('.wxss');
  expect(files).toContain('app.wxss');
  const styles = compileStyles(ROOT, files);
  for (const file of files) {
    expect(styles(file)).toEqual(expect.any(Function));
  }
});

test('a broken template is refused (the check can fail)', () => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'wcc-'));
  fs.writeFileSync(path.join(dir, 'broken.wxml'), '<view>\n  <text>{{a}</text>');
  expect(() => compiler.wxmlToJs(dir, {wxmlList: ['broken.wxml'], wxsList: []})).toThrow(/broken\.wxml/);
  fs.writeFileSync(path.join(dir, 'fine.wxss'), '.a { color: red; }');
  fs.writeFileSync(path.join(dir, 'broken.wxss'), '.a { color: red;\n .b { {{ }');
  expect(() => compileStyles(dir, ['fine.wxss', 'broken.wxss'])).toThrow(/broken\.wxss/);
});
