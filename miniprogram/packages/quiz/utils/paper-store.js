// The paper as last loaded (questions, deadline, the server clock's offset) and the member's
// choices, kept in storage so that a paper reopened without a network can go on: answers then
// wait in the answer queue, and the countdown keeps the server's time.

const PAPER = 'quiz.paper.';
const CHOICES = 'quiz.choices.';
const CURRENT = 'quiz.current.';

/** Keep an attempt as loaded, with offsetMs = server clock − phone clock at load. */
function save(attempt, offsetMs) {
  const paper = Object.assign({}, attempt, {result: null});
  wx.setStorageSync(PAPER + attempt.id, {attempt: paper, offset_ms: offsetMs});
  if (attempt.competition_id) wx.setStorageSync(CURRENT + attempt.competition_id, attempt.id);
}

/** Remember the member's choices by question id (what the page shows). */
function remember(attemptId, choices) {
  wx.setStorageSync(CHOICES + attemptId, choices);
}

/** {attempt, offsetMs, choices} as last kept, or null. */
function load(attemptId) {
  const stored = wx.getStorageSync(PAPER + attemptId);
  if (!stored || !stored.attempt) return null;
  return {attempt: stored.attempt, offsetMs: stored.offset_ms || 0, choices: wx.getStorageSync(CHOICES + attemptId) || {}};
}

/** The attempt in progress last seen for a competition, or null. */
function current(competitionId) {
  return wx.getStorageSync(CURRENT + competitionId) || null;
}

/** Forget a finished attempt. */
function forget(attemptId, competitionId) {
  wx.removeStorageSync(PAPER + attemptId);
  wx.removeStorageSync(CHOICES + attemptId);
  if (competitionId && current(competitionId) === attemptId) wx.removeStorageSync(CURRENT + competitionId);
}

module.exports = {save, remember, load, current, forget};
