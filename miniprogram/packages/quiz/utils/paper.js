// A paper as the member answers it: question types, option letters, choosing, the answer sheet,
// and what a submit carries. Choices are kept by question id: {"12": ["A", "C"]}.

const LETTERS = 'ABCDEFGH';
const TYPE_LABELS = {single: '单选题', multiple: '多选题', true_false: '判断题'};

/** "单选题" / "多选题" / "判断题". */
function typeLabel(type) {
  return TYPE_LABELS[type] || TYPE_LABELS.single;
}

/** Whether choices count as an answer. */
function answered(choices) {
  return Array.isArray(choices) && choices.length > 0;
}

/** The choices after tapping a letter: one letter, or a toggle for multiple choice. */
function toggle(type, current, letter) {
  if (type !== 'multiple') return [letter];
  const chosen = new Set(current || []);
  if (chosen.has(letter)) chosen.delete(letter);
  else chosen.add(letter);
  return Array.from(chosen).sort();
}

/** [{letter, text, selected}] for a question and the member's choices. */
function options(question, choices) {
  const chosen = choices || [];
  return (question.options || []).map((text, index) => ({
    letter: LETTERS[index],
    text,
    selected: chosen.includes(LETTERS[index]),
  }));
}

/** The choices to show: those saved on the server, overlaid by local ones (local wins). */
function mergeChoices(questions, local) {
  const merged = {};
  questions.forEach((question) => {
    if (question.id !== null && answered(question.choices)) merged[question.id] = question.choices;
  });
  Object.keys(local || {}).forEach((id) => {
    merged[id] = local[id];
  });
  return merged;
}

/** The answer sheet: [{index, number, answered, current}]. */
function sheet(questions, choices, currentIndex) {
  return questions.map((question, index) => ({
    index,
    number: index + 1,
    answered: answered(choices[question.id]),
    current: index === currentIndex,
  }));
}

/** Numbers (1-based) of the questions not answered yet. */
function unanswered(questions, choices) {
  return questions
    .map((question, index) => (question.id !== null && !answered(choices[question.id]) ? index + 1 : 0))
    .filter(Boolean);
}

/** What the submit confirmation says, naming the unanswered questions. */
function confirmText(missing) {
  if (!missing.length) return '交卷后不能再修改答案，确定交卷吗？';
  const shown = missing.slice(0, 5).join('、');
  const more = missing.length > 5 ? '等' : '';
  return `还有 ${missing.length} 题未作答（第 ${shown} 题${more}），交卷后不能再修改，确定交卷吗？`;
}

/** Every answer the member has, as POST /attempts/{id}/submit takes them. */
function submitAnswers(questions, choices) {
  return questions
    .filter((question) => question.id !== null && choices[question.id] !== undefined)
    .map((question) => ({question_id: question.id, choices: choices[question.id]}));
}

/** "第 3/20 题" */
function progress(index, total) {
  return `第 ${index + 1}/${total} 题`;
}

module.exports = {
  LETTERS,
  TYPE_LABELS,
  typeLabel,
  answered,
  toggle,
  options,
  mergeChoices,
  sheet,
  unanswered,
  confirmText,
  submitAnswers,
  progress,
};
