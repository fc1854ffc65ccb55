// Fair play during a competition paper: each time the member leaves the mini-program it is
// numbered (1, 2, 3 …) and timed. The numbers and unsent leaves live in wx storage per attempt,
// so a leave during which the app was killed is still reported when the paper is reopened, and
// a leave resent after a lost answer is counted once (the server keeps the highest number).

const PREFIX = 'quiz.leaves.';

function blank() {
  return {seq: 0, hiddenAt: null, unsent: []};
}

/** The leave record of one attempt; serverCount is the attempt's leave_count as last seen. */
function open(attemptId, serverCount = 0) {
  const key = PREFIX + attemptId;

  function read() {
    const stored = wx.getStorageSync(key);
    return stored && typeof stored === 'object' ? Object.assign(blank(), stored) : blank();
  }

  function write(state) {
    wx.setStorageSync(key, state);
  }

  // Numbers must go on from the server's count, or a new leave would look like a resent one.
  const initial = read();
  if (initial.seq < serverCount) {
    initial.seq = serverCount;
    write(initial);
  }

  /** The member left at nowMs (phone clock: only differences of it are used). */
  function hide(nowMs) {
    const state = read();
    if (state.hiddenAt !== null) return;
    state.seq += 1;
    state.hiddenAt = nowMs;
    write(state);
  }

  /** The member is back at nowMs: the finished leave {seq, duration_ms}, or null. */
  function show(nowMs) {
    const state = read();
    if (state.hiddenAt === null) return null;
    const leave = {seq: state.seq, duration_ms: Math.max(0, Math.round(nowMs - state.hiddenAt))};
    state.unsent.push(leave);
    state.hiddenAt = null;
    write(state);
    return leave;
  }

  /** Forget a leave the server has counted. */
  function acknowledge(seq) {
    const state = read();
    state.unsent = state.unsent.filter((leave) => leave.seq !== seq);
    write(state);
  }

  return {
    hide,
    show,
    /** On reopening after a kill while hidden: end that leave now (same as show). */
    recover: show,
    acknowledge,
    /** Leaves so far, including one in progress. */
    count() {
      return read().seq;
    },
    /** Leaves not yet reported, oldest first. */
    unsent() {
      return read().unsent;
    },
    clear() {
      wx.removeStorageSync(key);
    },
  };
}

/** "您已切出 2 次，超过 3 次将自动交卷" (without the limit when there is none). */
function notice(count, maxLeaves) {
  if (maxLeaves === null || maxLeaves === undefined) return `您已切出 ${count} 次`;
  if (count > maxLeaves) return `您已切出 ${count} 次，超过了 ${maxLeaves} 次，试卷将自动交卷`;
  return `您已切出 ${count} 次，超过 ${maxLeaves} 次将自动交卷`;
}

module.exports = {open, notice, PREFIX};
