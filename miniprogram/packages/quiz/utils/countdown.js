// A countdown to a server deadline that ticks once a second on the server's clock: the phone's
// own clock may be minutes off, so only the offset measured from the server's `now` is trusted.

const time = require('../../../utils/time');

/**
 * Start counting down. onTick(msLeft) runs at once and every second; onEnd() once at zero.
 * Returns {stop(), left()}. `phoneNow` is injectable for tests.
 */
function start({deadline, serverNow, onTick, onEnd, phoneNow = () => Date.now()}) {
  const offset = time.clockOffset(serverNow, phoneNow());
  let timer = null;
  let ended = false;
  const left = () => time.remainingMs(deadline, offset, phoneNow());
  const tick = () => {
    const ms = left();
    if (onTick) onTick(ms);
    if (ms <= 0 && !ended) {
      ended = true;
      stop();
      if (onEnd) onEnd();
    }
  };
  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
  }
  tick();
  if (!ended) timer = setInterval(tick, 1000);
  return {stop, left};
}

module.exports = {start};
