// A stateful fake of the attempt endpoints behind the scripted API: it keeps saved answers,
// grades on submit (once), counts leaves by seq and finishes past max_leaves, like the backend.

const {error} = require('../../helpers/api');
const fq = require('../../helpers/fixtures-quiz');

/** Serve paper through api; pass the state of an earlier server to keep it (a reopened app). */
function paperServer(api, paper, kept) {
  const state = kept || {saved: {}, finished: null, leaveCount: paper.leave_count || 0, leaves: [], submits: []};
  if (!kept) {
    paper.questions.forEach((question) => {
      if (question.choices) state.saved[question.id] = question.choices;
    });
  }

  function view() {
    if (state.finished) return fq.finished(paper, state.saved, state.finished);
    const questions = paper.questions.map((question) => Object.assign({}, question, {choices: state.saved[question.id] || null}));
    return Object.assign({}, paper, {questions, leave_count: state.leaveCount, now: new Date().toISOString()});
  }

  function finish(reason) {
    if (!state.finished) state.finished = {finish_reason: reason};
    return fq.result(paper, state.saved, state.finished);
  }

  if (paper.competition_id) api.on('POST', `/competitions/${paper.competition_id}/attempts`, () => [200, view()]);
  api.on('GET', `/attempts/${paper.id}`, () => [200, view()]);
  api.on('PUT', `/attempts/${paper.id}/answers/:qid`, ({params, data}) => {
    if (state.finished) return error(409, 'attempt_finished', '本次答题已交卷');
    state.saved[params.qid] = data.choices;
    return [200, {question_id: Number(params.qid), choices: data.choices, saved_at: new Date().toISOString()}];
  });
  api.on('POST', `/attempts/${paper.id}/submit`, ({data}) => {
    state.submits.push(data);
    if (!state.finished) {
      data.answers.forEach((answer) => {
        state.saved[answer.question_id] = answer.choices;
      });
    }
    return [200, finish('submitted')];
  });
  api.on('POST', `/attempts/${paper.id}/leaves`, ({data}) => {
    state.leaves.push(data);
    if (!state.finished) {
      state.leaveCount = Math.max(state.leaveCount, data.seq);
      if (paper.max_leaves !== null && state.leaveCount > paper.max_leaves) finish('left_app');
    }
    const result = state.finished ? fq.result(paper, state.saved, state.finished) : null;
    return [200, {leave_count: state.leaveCount, leave_ms: 0, max_leaves: paper.max_leaves, finished: Boolean(state.finished), result}];
  });
  return state;
}

module.exports = {paperServer};
