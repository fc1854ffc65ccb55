// Quizzes: competitions, attempts, leaderboards, practice and the mistake book.

const {request} = require('../utils/request');

/** GET /question-categories */
const listCategories = () => request({path: '/question-categories', auth: 'none', retries: 2});

/** GET /competitions?status=&page=&page_size= */
const listCompetitions = (query) => request({path: '/competitions', query, retries: 2});

/** GET /competitions/{id} */
const getCompetition = (id, options = {}) => request(Object.assign({path: `/competitions/${id}`, retries: 2}, options));

/** POST /competitions/{id}/attempts: a new attempt, or the one in progress (safe to retry). */
const startAttempt = (competitionId, options = {}) =>
  request(Object.assign({method: 'POST', path: `/competitions/${competitionId}/attempts`, retries: 2}, options));

/** GET /attempts/{id}: questions and saved choices, or the result once finished. */
const getAttempt = (id, options = {}) => request(Object.assign({path: `/attempts/${id}`, retries: 2}, options));

/** PUT /attempts/{id}/answers/{question_id} {choices}: the answer queue retries it itself. */
const saveAnswer = (attemptId, questionId, choices) =>
  request({
    method: 'PUT',
    path: `/attempts/${attemptId}/answers/${questionId}`,
    data: {choices},
    silent: true,
  });

/** POST /attempts/{id}/submit {answers}: idempotent, so it is retried after network failures. */
const submitAttempt = (attemptId, answers, options = {}) =>
  request(
    Object.assign(
      {method: 'POST', path: `/attempts/${attemptId}/submit`, data: {answers}, retries: 3},
      options,
    ),
  );

/** POST /attempts/{id}/leaves {seq, duration_ms}: idempotent by seq. */
const reportLeave = (attemptId, seq, durationMs, options = {}) =>
  request(
    Object.assign(
      {method: 'POST', path: `/attempts/${attemptId}/leaves`, data: {seq, duration_ms: durationMs}, silent: true, retries: 2},
      options,
    ),
  );

/** GET /competitions/{id}/leaderboard?by=member|association|district&page=&page_size= */
const getLeaderboard = (competitionId, query) =>
  request({path: `/competitions/${competitionId}/leaderboard`, query, retries: 2});

/** POST /competitions/{id}/reminder {template_id}: tell me when it opens (one message). */
const requestReminder = (competitionId, templateId) =>
  request({method: 'POST', path: `/competitions/${competitionId}/reminder`, data: {template_id: templateId}});

/** DELETE /competitions/{id}/reminder */
const cancelReminder = (competitionId) =>
  request({method: 'DELETE', path: `/competitions/${competitionId}/reminder`});

/** POST /practice {category?, count, from_mistakes} */
const startPractice = ({category, count, fromMistakes}) =>
  request({
    method: 'POST',
    path: '/practice',
    data: Object.assign({count, from_mistakes: Boolean(fromMistakes)}, category ? {category} : {}),
  });

/** GET /me/mistakes?page=&page_size= */
const listMistakes = (query) => request({path: '/me/mistakes', query, retries: 2});

/** GET /me/attempts?page=&page_size=: my finished competition attempts. */
const listMyAttempts = (query) => request({path: '/me/attempts', query, retries: 2});

module.exports = {
  listCategories,
  listCompetitions,
  getCompetition,
  startAttempt,
  getAttempt,
  saveAnswer,
  submitAttempt,
  reportLeave,
  getLeaderboard,
  requestReminder,
  cancelReminder,
  startPractice,
  listMistakes,
  listMyAttempts,
};
