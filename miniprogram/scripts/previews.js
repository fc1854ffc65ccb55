// `make previews`: render every page in the states a member sees (tests/previews, against the
// real backend and its demo data), then photograph each in headless Chromium at a phone's width
// into docs/miniprogram/<name>.png.
const {execFileSync} = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {launch} = require('./chromium');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.resolve(ROOT, '..', 'docs', 'miniprogram');
const WIDTH = 375;

async function main() {
  const htmlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-previews-'));
  execFileSync('npx', ['jest', '-c', 'tests/previews/jest.config.js', '--runInBand', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: Object.assign({}, process.env, {QINGLIAN_PREVIEW_HTML: htmlDir}),
  });
  fs.mkdirSync(OUT, {recursive: true});
  const browser = await launch();
  const files = fs.readdirSync(htmlDir).filter((name) => name.endsWith('.html')).sort();
  for (const name of files) {
    const tab = await browser.newPage({viewport: {width: WIDTH, height: 740}, deviceScaleFactor: 2});
    await tab.goto(`file://${path.join(htmlDir, name)}`);
    // A viewport as tall as the page puts bottom bars (sticky or fixed) at the end, as on a phone
    // scrolled to the bottom, rather than across the middle of a long page.
    const height = await tab.evaluate(() => document.documentElement.scrollHeight);
    await tab.setViewportSize({width: WIDTH, height: Math.max(height, 740)});
    await tab.waitForTimeout(200);
    const target = path.join(OUT, name.replace(/\.html$/, '.png'));
    await tab.screenshot({path: target, fullPage: true});
    await tab.close();
    console.log(`docs/miniprogram/${path.basename(target)}`);
  }
  await browser.close();
  fs.rmSync(htmlDir, {recursive: true, force: true});
  // 256 colours are plenty for flat UI and keep the committed pictures about a quarter the size.
  const python = process.env.PYTHON || path.resolve(ROOT, '..', '.venv', 'bin', 'python');
  const shrink =
    'import sys; from PIL import Image\n' +
    'for p in sys.argv[1:]: Image.open(p).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(p, optimize=True)';
  execFileSync(python, ['-c', shrink, ...files.map((name) => path.join(OUT, name.replace(/\.html$/, '.png')))]);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
