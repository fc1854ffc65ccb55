// Draw the tab bar and home-page icons as PNG files (WeChat's tab bar takes only images) from
// tdesign-icons-svg 0.4.0, rendered by headless Chromium. Run `node scripts/icons.js` after
// changing the list; the PNGs are committed under assets/ so the app needs no build step.
const fs = require('fs');
const path = require('path');
const {launch} = require('./chromium');

const ROOT = path.resolve(__dirname, '..');
const SVG_DIR = path.join(path.dirname(require.resolve('tdesign-icons-svg/package.json')), 'src');
const MUTED = '#6b7280';
const BRAND = '#c0272d';

// [output file, tdesign icon, colour, size in px]
const ICONS = [
  ['tab/home.png', 'home', MUTED, 81],
  ['tab/home-active.png', 'home-filled', BRAND, 81],
  ['tab/contest.png', 'certificate', MUTED, 81],
  ['tab/contest-active.png', 'certificate-filled', BRAND, 81],
  ['tab/map.png', 'map-location', MUTED, 81],
  ['tab/map-active.png', 'map-location-filled', BRAND, 81],
  ['tab/report.png', 'chat-bubble-error', MUTED, 81],
  ['tab/report-active.png', 'chat-bubble-error-filled', BRAND, 81],
  ['tab/me.png', 'user', MUTED, 81],
  ['tab/me-active.png', 'user-filled', BRAND, 81],
  ['icons/practice.png', 'book-open', BRAND, 96],
  ['icons/mistakes.png', 'bookmark-checked', BRAND, 96],
  ['icons/map.png', 'map-location', BRAND, 96],
  ['icons/report.png', 'chat-bubble-error', BRAND, 96],
  ['icons/track.png', 'search', BRAND, 96],
  ['icons/checkins.png', 'flag', BRAND, 96],
];

function svgOf(name, colour) {
  return fs
    .readFileSync(path.join(SVG_DIR, `${name}.svg`), 'utf8')
    .replace('view-box=', 'viewBox=')
    .replace(/width="1em" height="1em"/, 'width="100%" height="100%"')
    .replace(/currentColor/g, colour);
}

async function main() {
  const browser = await launch();
  const page = await browser.newPage();
  for (const [file, name, colour, size] of ICONS) {
    // A little padding, as WeChat's own tab icons have.
    const inner = Math.round(size * 0.8);
    await page.setViewportSize({width: size, height: size});
    await page.setContent(
      `<html><body style="margin:0;background:transparent;display:flex;align-items:center;justify-content:center;width:${size}px;height:${size}px">` +
        `<div style="width:${inner}px;height:${inner}px">${svgOf(name, colour)}</div></body></html>`,
    );
    const target = path.join(ROOT, 'assets', file);
    fs.mkdirSync(path.dirname(target), {recursive: true});
    await page.screenshot({path: target, omitBackground: true});
    console.log(`${file} ← ${name}`);
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
