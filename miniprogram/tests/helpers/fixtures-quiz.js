// Quiz response bodies shaped as the API's schemas (CompetitionDetail, Attempt, Result,
// Leaderboard, QuestionCategory, Mistake), with realistic integrity-quiz content.

const fx = require('./fixtures');

const MINUTE = 60 * 1000;

function detail(overrides = {}) {
  return fx.competition(
    Object.assign(
      {
        description: '围绕行业协会商会清廉建设、会费收取规范和问题反映渠道出题，欢迎全市会员参加。',
        points_per_question: 5,
        audience: 'all',
        max_leaves: null,
        reminder_template_id: null,
        reminder_requested: false,
      },
      overrides,
    ),
  );
}

/** Four questions as a paper shows them (no keys): single, multiple, true/false, single. */
function questions() {
  return [
    {
      id: 101,
      type: 'single',
      stem: '行业协会商会向会员收取会费，应当遵循的原则是？',
      options: ['自愿入会、按经民主程序制定的标准收取', '强制入会、统一收取', '按企业规模由秘书处决定', '由会长个人决定'],
      choices: null,
    },
    {
      id: 102,
      type: 'multiple',
      stem: '下列哪些属于行业协会商会乱收费行为？',
      options: ['强制企业入会并收取会费', '通过评比达标表彰收费', '按章程规定的标准收取会费', '强制会员参加培训并收费'],
      choices: null,
    },
    {
      id: 103,
      type: 'true_false',
      stem: '行业协会商会可以利用法定职责或行政影响力向企业收费。',
      options: ['正确', '错误'],
      choices: null,
    },
    {
      id: 104,
      type: 'single',
      stem: '发现协会乱收费，会员可以怎样反映问题？',
      options: ['只能实名举报', '可以实名，也可以匿名反映', '只能向协会会长反映', '没有反映渠道'],
      choices: null,
    },
  ];
}

const KEYS = {101: ['A'], 102: ['A', 'B', 'D'], 103: ['B'], 104: ['B']};
const ANALYSES = {
  101: '会费标准须经会员（代表）大会民主程序制定，会员自愿入会。',
  102: '强制入会、评比表彰收费、强制培训收费均属清理规范的乱收费情形。',
  103: '利用法定职责或行政影响力收费属于违规收费。',
  104: '本小程序支持实名或匿名反映，凭回执码查询办理进度。',
};

function attempt(overrides = {}) {
  const now = Date.now();
  return Object.assign(
    {
      id: 501,
      kind: 'competition',
      competition_id: 3,
      number: 2,
      status: 'in_progress',
      started_at: fx.iso(now),
      deadline: fx.iso(now + 10 * MINUTE),
      now: fx.iso(now),
      points_per_question: 5,
      max_leaves: null,
      leave_count: 0,
      questions: questions(),
      result: null,
    },
    overrides,
  );
}

function practiceAttempt(overrides = {}) {
  return attempt(Object.assign({id: 777, kind: 'practice', competition_id: null, number: null, deadline: null, points_per_question: 1}, overrides));
}

/** The graded result of a paper given the member's choices by question id. */
function result(paper, choices, overrides = {}) {
  const review = paper.questions.map((question) => {
    const mine = choices[question.id] && choices[question.id].length ? choices[question.id] : null;
    const answer = KEYS[question.id] || ['A'];
    return {
      question_id: question.id,
      choices: mine,
      answer,
      correct: JSON.stringify(mine) === JSON.stringify(answer),
      analysis: ANALYSES[question.id] || '',
      reference: question.id === 101 ? '《关于进一步规范行业协会商会收费管理的意见》' : null,
    };
  });
  const correct = review.filter((row) => row.correct).length;
  return Object.assign(
    {
      attempt_id: paper.id,
      score: correct * paper.points_per_question,
      max_score: paper.questions.length * paper.points_per_question,
      correct_count: correct,
      question_count: paper.questions.length,
      time_used_ms: 185000,
      finished_at: fx.iso(Date.now()),
      finish_reason: 'submitted',
      review,
    },
    overrides,
  );
}

/** A finished attempt as GET /attempts/{id} gives it. */
function finished(paper, choices, overrides = {}) {
  const questionsWithChoices = paper.questions.map((question) => Object.assign({}, question, {choices: choices[question.id] || null}));
  return Object.assign({}, paper, {status: 'finished', questions: questionsWithChoices, result: result(paper, choices, overrides)});
}

function categories() {
  return [
    {id: 1, name: '清廉文化', description: '廉洁文化与党风廉政建设', demo: false, question_count: 48},
    {id: 2, name: '会费规范', description: '协会商会收费政策', demo: false, question_count: 8},
    {id: 3, name: '小微权力', description: '', demo: false, question_count: 0},
  ];
}

function mistake(overrides = {}) {
  return Object.assign(
    {
      question_id: 102,
      category_id: 2,
      type: 'multiple',
      stem: '下列哪些属于行业协会商会乱收费行为？',
      options: ['强制企业入会并收取会费', '通过评比达标表彰收费', '按章程规定的标准收取会费', '强制会员参加培训并收费'],
      choices: ['A', 'C'],
      answer: ['A', 'B', 'D'],
      analysis: ANALYSES[102],
      reference: null,
      times_wrong: 3,
    },
    overrides,
  );
}

module.exports = {MINUTE, KEYS, detail, questions, attempt, practiceAttempt, result, finished, categories, mistake};
