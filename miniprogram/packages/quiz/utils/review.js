// A finished paper as the member reviews it, and mistake-book entries: my choices against the
// key, with the analysis. Used by the result page and the mistake book.

const time = require('../../../utils/time');
const paper = require('./paper');

const FINISH_REASONS = {submitted: '交卷', expired: '到时自动交卷', left_app: '切出次数超限自动交卷'};

/** "A、C", or "未作答" when nothing was chosen. */
function letters(list) {
  return list && list.length ? list.join('、') : '未作答';
}

/** One reviewed question: question {type, stem, options}, row {choices, answer, correct, analysis, reference}. */
function item(question, row, number) {
  const mine = row.choices || [];
  const key = row.answer || [];
  return {
    number,
    typeLabel: paper.typeLabel(question.type),
    stem: question.stem,
    options: (question.options || []).map((text, index) => {
      const letter = paper.LETTERS[index];
      const chosen = mine.includes(letter);
      const right = key.includes(letter);
      return {letter, text, chosen, right, state: right ? 'right' : chosen ? 'wrong' : ''};
    }),
    mine: letters(mine),
    key: letters(key),
    correct: Boolean(row.correct),
    analysis: row.analysis || '',
    reference: row.reference || '',
  };
}

/** The review of an attempt: its questions (stems, options) paired with result.review in order. */
function items(questions, review) {
  return (review || []).map((row, index) => item(questions[index] || {}, row, index + 1));
}

/** The headline figures of a result. */
function summary(result) {
  return {
    score: result.score,
    maxScore: result.max_score,
    correct: `${result.correct_count}/${result.question_count}`,
    timeUsed: time.duration(result.time_used_ms),
    reason: FINISH_REASONS[result.finish_reason] || FINISH_REASONS.submitted,
  };
}

module.exports = {FINISH_REASONS, letters, item, items, summary};
