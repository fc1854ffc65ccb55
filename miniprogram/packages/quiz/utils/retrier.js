// Keeps a job going until it lands: at once, then after growing pauses while it asks to be
// retried, and at once again when kicked (the network came back). One run at a time: a run
// asked for while one is going happens right after it, so nothing queued meanwhile waits.

const DELAYS = [1000, 2000, 4000, 8000, 16000, 30000];

/** The pause before retry number `failures` (1 s, 2 s, 4 s … up to 30 s). */
function delay(failures) {
  return DELAYS[Math.min(Math.max(failures, 1), DELAYS.length) - 1];
}

/** Whether a failed request may succeed later: no answer came back, or the server struggled. */
function retryable(error) {
  if (!error || typeof error.statusCode !== 'number') return true;
  return error.statusCode === 0 || error.statusCode === 429 || error.statusCode >= 500;
}

/**
 * A runner for job(), an async function resolving to 'retry' (try again later) or anything
 * else (done). A job that throws is retried too. Returns {run, kick, waiting, stop}.
 */
function create(job) {
  let timer = null;
  let running = null;
  let again = false;
  let failures = 0;
  let stopped = false;

  function clearTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function settle(outcome) {
    running = null;
    if (stopped) return outcome;
    if (again) {
      again = false;
      return run();
    }
    if (outcome === 'retry') {
      failures += 1;
      timer = setTimeout(run, delay(failures));
    } else {
      failures = 0;
    }
    return outcome;
  }

  /** Run now, or right after the run in progress; resolves with that run's outcome. */
  function run() {
    if (stopped) return Promise.resolve('stopped');
    if (running) {
      again = true;
      return running;
    }
    clearTimer();
    running = Promise.resolve()
      .then(job)
      .catch(() => 'retry')
      .then(settle);
    return running;
  }

  return {
    run,
    /** Run now if a retry is waiting (the network is back). */
    kick() {
      if (timer) run();
    },
    /** True while a retry is scheduled. */
    waiting() {
      return Boolean(timer);
    },
    /** Stop for good (the page is gone or the paper is finished). */
    stop() {
      stopped = true;
      clearTimer();
    },
  };
}

module.exports = {create, delay, retryable, DELAYS};
