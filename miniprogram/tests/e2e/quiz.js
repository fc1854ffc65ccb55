// What the quiz journeys share: tapping, where the app navigated, and the keys of a paper as the
// server stored them (to answer right or wrong on purpose).
const {settle} = require('../helpers/page');
const {query} = require('./backend');

async function tap(page, id) {
  page.querySelector(`#${id}`).dispatchEvent('tap');
  await settle();
}

/** The page a wx navigation mock was last asked to open: {path, query}. */
function destination(navigate) {
  const {url} = navigate.mock.calls[navigate.mock.calls.length - 1][0];
  const [path, search] = url.replace(/^\//, '').split('?');
  return {path, query: Object.fromEntries(new URLSearchParams(search))};
}

/** The key of every question of an attempt, as stored by the server: {questionId: ['A', 'C']}. */
function keysOf(attemptId) {
  const rows = query('select question_id, answer from attempt_items where attempt_id = ?', [attemptId]);
  return Object.fromEntries(rows.map(([questionId, answer]) => [questionId, answer.split('')]));
}

/** Letters to choose for a question: its key, or a deliberately wrong answer. */
function letters(question, key, right) {
  if (right) return key.slice();
  const wrong = 'ABCDEFGH'.slice(0, question.options.length).split('').find((letter) => !key.includes(letter));
  return question.type === 'multiple' && key.length > 1 ? key.slice(1) : [wrong];
}

module.exports = {tap, destination, keysOf, letters};
