// Pictures of the mini-program's pages for people without WeChat DevTools: a page rendered by
// miniprogram-simulate (its real WXML, WXSS and tdesign components) is written out as HTML with a
// phone's navigation bar and tab bar; scripts/previews.js then photographs each file in headless
// Chromium at 375 px wide (playwright cannot run inside jest's jsdom environment).
//
// Differences from a phone, on purpose and visible: the native <map> is drawn as a placeholder
// (it is a native layer WeChat paints itself), and tdesign's icon font (loaded from its CDN on a
// phone) is replaced by the same icons' SVG files from tdesign-icons-svg.
const fs = require('fs');
const http = require('http');
const path = require('path');
const pageHelper = require('../helpers/page');

const ROOT = pageHelper.ROOT;
const HTML_DIR = process.env.QINGLIAN_PREVIEW_HTML || path.join(require('os').tmpdir(), 'qinglian-previews');
const SVG_DIR = path.join(path.dirname(require.resolve('tdesign-icons-svg/package.json')), 'src');
const APP = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
const WIDTH = 375;

// WeChat's own look for its built-in components, as far as a page relies on it.
const BUILTIN_CSS = `
  html, body { margin: 0; padding: 0; }
  body { width: ${WIDTH}px; font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; -webkit-font-smoothing: antialiased; }
  wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-form, wx-navigator, wx-cover-view, wx-movable-area,
  wx-picker, wx-radio-group, wx-checkbox-group, wx-rich-text, main { display: block; }
  wx-text, wx-label { display: inline; }
  wx-button { display: block; position: relative; box-sizing: border-box; margin: 0 auto; padding: 0 14px;
    font-size: 18px; line-height: 2.55555556; text-align: center; border-radius: 5px; background: #f8f8f8; color: #000; }
  wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
  wx-input { display: block; height: 1.4em; min-height: 1.4em; line-height: 1.4em; overflow: hidden; white-space: nowrap; }
  wx-textarea { display: block; width: 300px; height: 150px; white-space: pre-wrap; }
  wx-swiper { overflow: hidden; }
  wx-swiper-item:not(:first-child) { display: none; }
  wx-scroll-view { overflow: hidden; }
  .pv-placeholder { color: #9ca3af; }
  wx-map { display: block; width: 300px; height: 150px; }
  .pv-map { width: 100%; height: 100%; display: flex; align-items: center; justify-content: center; color: #475569;
    font-size: 13px; background-color: #e7efe4;
    background-image: linear-gradient(90deg, rgba(255,255,255,.7) 2px, transparent 2px), linear-gradient(rgba(255,255,255,.7) 2px, transparent 2px);
    background-size: 46px 46px; }
  .pv-map { position: relative; }
  .pv-map__note { position: absolute; left: 8px; bottom: 6px; font-size: 11px; color: #64748b; }
  .pv-pin { position: absolute; width: 12px; height: 12px; margin: -12px 0 0 -6px; border-radius: 50% 50% 50% 0;
    transform: rotate(-45deg); background: #c0272d; border: 2px solid #fff; box-shadow: 0 1px 2px rgba(0,0,0,.3); }
  .pv-nav { height: 44px; display: flex; align-items: center; justify-content: center; font-size: 17px; font-weight: 600;
    background: #fff; border-bottom: 1px solid #eee; position: relative; }
  .pv-nav::before { content: '‹'; position: absolute; left: 14px; font-size: 28px; font-weight: 300; top: 2px; }
  .pv-nav.pv-tab::before { content: ''; }
  .pv-tabbar { display: flex; height: 52px; background: #fff; border-top: 1px solid #eee; }
  .pv-tabbar div { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; font-size: 10px; color: #6b7280; }
  .pv-tabbar div.on { color: #c0272d; }
  .pv-tabbar img { width: 24px; height: 24px; margin-bottom: 2px; }
  .t-icon svg { width: 1em; height: 1em; vertical-align: -0.125em; }
`;

/** Convert rpx as a 375 px wide phone does (750 rpx = 375 px); simulate's own turns 1 rpx into 1 px. */
function rpx(css) {
  return css.replace(/(-?\d*\.?\d+)rpx/g, (_, n) => `${Number((Number(n) / 2).toFixed(2))}px`);
}

/** Built-ins that keep what they show: image sources, input values and placeholders, the map. */
function registerBuiltins() {
  const utils = require('miniprogram-simulate/src/utils');
  utils.transformRpx = rpx;
  const jComponent = require('j-component');
  const fill = {aspectFill: 'cover', aspectFit: 'contain', scaleToFill: '100% 100%', widthFix: 'contain', heightFix: 'contain'};
  jComponent.register({
    id: 'image',
    tagName: 'wx-image',
    template: '<view style="width:100%;height:100%;background:url(\'{{src}}\') center / {{size}} no-repeat"></view>',
    properties: {src: {type: String, value: ''}, mode: {type: String, value: 'scaleToFill'}},
    data: {size: '100% 100%'},
    observers: {
      mode(mode) {
        this.setData({size: fill[mode] || '100% 100%'});
      },
    },
    lifetimes: {
      attached() {
        // A phone fires load once the picture arrives; tdesign's t-image waits for it.
        setTimeout(() => this.triggerEvent('load', {width: 100, height: 100}), 0);
      },
    },
  });
  for (const tag of ['input', 'textarea']) {
    jComponent.register({
      id: tag,
      tagName: `wx-${tag}`,
      template: '<view class="{{value ? \'\' : \'pv-placeholder\'}}">{{value || placeholder}}</view>',
      properties: {value: {type: null, value: ''}, placeholder: {type: String, value: ''}, password: Boolean},
    });
  }
  jComponent.register({
    id: 'map',
    tagName: 'wx-map',
    template: '<view class="pv-map"><view class="pv-map__note">地图由微信绘制，此处为示意</view></view>',
    properties: {markers: {type: Array, value: []}, latitude: Number, longitude: Number, scale: Number},
  });
}

/** Each own component's tag and whether app.wxss reaches inside it (addGlobalClass). */
function globalClassPrefixes() {
  const prefixes = new Set(['main']);
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
      if (['node_modules', 'miniprogram_npm', 'tests', 'scripts'].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) {
        const using = JSON.parse(fs.readFileSync(full, 'utf8')).usingComponents || {};
        for (const [tag, target] of Object.entries(using)) {
          if (!target.startsWith('/') && !target.startsWith('.')) continue;
          const base = target.startsWith('/') ? path.join(ROOT, target) : path.resolve(path.dirname(full), target);
          const js = fs.existsSync(`${base}.js`) ? fs.readFileSync(`${base}.js`, 'utf8') : '';
          if (/addGlobalClass:\s*true|styleIsolation:\s*['"](apply-shared|shared)['"]/.test(js)) prefixes.add(tag);
        }
      }
    }
  };
  walk(ROOT);
  return Array.from(prefixes);
}

function appCss() {
  const wxss = require('miniprogram-simulate/src/wxss');
  const source = fs.readFileSync(path.join(ROOT, 'app.wxss'), 'utf8');
  return globalClassPrefixes()
    .map((prefix) => wxss.compile(source, {prefix}))
    .join('\n');
}

function pageSelector(css) {
  return css.replace(/(^|[},])\s*page(?=[\s{,.:])/g, '$1.pv-page');
}

function iconSvg(name) {
  const file = path.join(SVG_DIR, `${name}.svg`);
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').replace('view-box=', 'viewBox=').replace(/currentColor/g, 'currentColor');
}

function withIcons(dom) {
  const copy = dom.cloneNode(true);
  for (const element of copy.querySelectorAll('[class*="t-icon-"]')) {
    const match = /t-icon--t-icon-([a-z0-9-]+)/.exec(element.className);
    if (!match || match[1] === 'base') continue;
    element.innerHTML = iconSvg(match[1]);
  }
  return copy;
}

function tabBar(route) {
  const list = APP.tabBar.list;
  if (!list.some((item) => item.pagePath === route)) return '';
  const items = list
    .map((item) => {
      const on = item.pagePath === route;
      const icon = path.join(ROOT, on ? item.selectedIconPath : item.iconPath);
      return `<div class="${on ? 'on' : ''}"><img src="file://${icon}">${item.text}</div>`;
    })
    .join('');
  return `<div class="pv-tabbar">${items}</div>`;
}

function title(route) {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, `${route}.json`), 'utf8'));
  return json.navigationBarTitleText || APP.window.navigationBarTitleText;
}

/** Turn on the preview mode of page mounting (call in beforeAll). */
function start() {
  pageHelper.onSimulate = registerBuiltins;
  fs.mkdirSync(HTML_DIR, {recursive: true});
}

function stop() {
  pageHelper.onSimulate = null;
}

function fetchBytes(url) {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({type: res.headers['content-type'], body: Buffer.concat(chunks)}));
      })
      .on('error', () => resolve(null));
  });
}

/** Pictures the page loads from the API (site photos), inlined so the HTML stands alone. */
async function inlineApiImages(html, apiBase) {
  const urls = Array.from(new Set(html.match(/http:\/\/127\.0\.0\.1:5000\/[^'"&)\s]+/g) || []));
  for (const url of urls) {
    const got = apiBase ? await fetchBytes(apiBase + url.slice('http://127.0.0.1:5000'.length)) : null;
    const data = got && got.body.length ? `data:${got.type};base64,${got.body.toString('base64')}` : '';
    html = html.split(url).join(data);
  }
  return html;
}

/** Pins for the map placeholder, placed by longitude and latitude within the markers' extent. */
function pins(markers) {
  if (!markers || !markers.length) return '';
  const lats = markers.map((m) => m.latitude);
  const lngs = markers.map((m) => m.longitude);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const x = (lng) => 8 + (84 * (lng - west)) / (east - west || 1);
  const y = (lat) => 10 + (80 * (north - lat)) / (north - south || 1);
  return markers.map((m) => `<div class="pv-pin" style="left:${x(m.longitude).toFixed(1)}%;top:${y(m.latitude).toFixed(1)}%"></div>`).join('');
}

/**
 * Write an open page as <name>.html for scripts/previews.js to photograph. `apiBase` is the
 * running backend, from which the page's photos are fetched.
 */
async function capture(page, name, {apiBase, mapMarkers} = {}) {
  const route = page.route;
  const styles = Array.from(document.querySelectorAll('head style'))
    .map((style) => style.textContent)
    .join('\n');
  const isTab = APP.tabBar.list.some((item) => item.pagePath === route);
  let body = await inlineApiImages(withIcons(page.dom).outerHTML, apiBase);
  body = body.replace(/(<wx-view[^>]*class="[^"]*pv-map"[^>]*>)/, `$1${pins(mapMarkers)}`);
  const css = pageSelector(rpx(`${appCss()}\n${styles}`)).replace(/url\((['"]?)\//g, `url($1file://${ROOT}/`);
  body = body.replace(/url\((['"]?)\/(?!\/)/g, `url($1file://${ROOT}/`).replace(/url\(&quot;\//g, `url(&quot;file://${ROOT}/`);
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${BUILTIN_CSS}\n${css}</style></head>
    <body><div class="pv-page"><div class="pv-nav${isTab ? ' pv-tab' : ''}">${title(route)}</div>${body}${tabBar(route)}</div></body></html>`;
  const file = path.join(HTML_DIR, `${name}.html`);
  fs.writeFileSync(file, html);
  return file;
}

module.exports = {start, stop, capture, HTML_DIR, WIDTH};
