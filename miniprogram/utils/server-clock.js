// The server's clock as seen through responses' Date headers (whole seconds): good enough for
// "ends in 3 days"; a paper's countdown uses the attempt's own `now` instead.

let offsetMs = 0;

/** Note a response's Date header, received when the phone's clock read phoneNowMs. */
function observe(dateHeader, phoneNowMs = Date.now()) {
  const server = Date.parse(dateHeader || '');
  if (!Number.isNaN(server)) offsetMs = server - phoneNowMs;
}

/** Milliseconds to add to the phone's clock to read the server's. */
function offset() {
  return offsetMs;
}

/** The server's time now, in milliseconds. */
function now() {
  return Date.now() + offsetMs;
}

module.exports = {observe, offset, now};
