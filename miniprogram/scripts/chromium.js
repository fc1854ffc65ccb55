// Debian's Chromium through playwright-core (which never downloads a browser of its own), with the
// flags this sandboxed, offline machine needs.
const {chromium} = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium browser. */
function launch() {
  return chromium.launch({executablePath: EXECUTABLE, args: ARGS});
}

module.exports = {launch, EXECUTABLE};
