const {installWx} = require('../../helpers/wx');
const fx = require('../../helpers/fixtures');
const fq = require('../../helpers/fixtures-quiz');

installWx();
const competitions = require('../../../utils/competitions');
const board = require('../../../packages/quiz/utils/board');
const paper = require('../../../packages/quiz/utils/paper');
const review = require('../../../packages/quiz/utils/review');

describe('paper', () => {
  test('single and true/false keep one letter; multiple choice toggles, sorted', () => {
    expect(paper.toggle('single', ['A'], 'C')).toEqual(['C']);
    expect(paper.toggle('true_false', null, 'B')).toEqual(['B']);
    expect(paper.toggle('multiple', ['D'], 'A')).toEqual(['A', 'D']);
    expect(paper.toggle('multiple', ['A', 'D'], 'D')).toEqual(['A']);
    expect(paper.toggle('multiple', ['A'], 'A')).toEqual([]);
  });

  test('local choices win over those saved on the server', () => {
    const questions = fq.questions();
    questions[0].choices = ['A'];
    questions[1].choices = ['B'];

    expect(paper.mergeChoices(questions, {102: ['A', 'D'], 103: ['B']})).toEqual({101: ['A'], 102: ['A', 'D'], 103: ['B']});
  });

  test('the sheet, the unanswered list and the confirmation agree', () => {
    const questions = fq.questions();
    const choices = {101: ['A'], 102: [], 104: ['B']};

    expect(paper.sheet(questions, choices, 1).map((cell) => [cell.number, cell.answered, cell.current])).toEqual([
      [1, true, false],
      [2, false, true],
      [3, false, false],
      [4, true, false],
    ]);
    expect(paper.unanswered(questions, choices)).toEqual([2, 3]);
    expect(paper.confirmText([2, 3])).toBe('还有 2 题未作答（第 2、3 题），交卷后不能再修改，确定交卷吗？');
    expect(paper.confirmText([1, 2, 3, 4, 5, 6, 7])).toContain('还有 7 题未作答（第 1、2、3、4、5 题等）');
    expect(paper.confirmText([])).toBe('交卷后不能再修改答案，确定交卷吗？');
  });

  test('the submit carries every answer the member has, cleared ones included', () => {
    expect(paper.submitAnswers(fq.questions(), {101: ['A'], 102: []})).toEqual([
      {question_id: 101, choices: ['A']},
      {question_id: 102, choices: []},
    ]);
  });

  test('labels', () => {
    expect(['single', 'multiple', 'true_false'].map(paper.typeLabel)).toEqual(['单选题', '多选题', '判断题']);
    expect(paper.progress(2, 20)).toBe('第 3/20 题');
    expect(paper.options(fq.questions()[2], ['B'])).toEqual([
      {letter: 'A', text: '正确', selected: false},
      {letter: 'B', text: '错误', selected: true},
    ]);
  });
});

describe('review', () => {
  test('pairs each question with its review row, marking my choices and the key', () => {
    const attempt = fq.finished(fq.attempt(), {101: ['A'], 102: ['A', 'C']});

    const [first, second, third] = review.items(attempt.questions, attempt.result.review);

    expect(first).toMatchObject({number: 1, typeLabel: '单选题', mine: 'A', key: 'A', correct: true});
    expect(first.reference).toBe('《关于进一步规范行业协会商会收费管理的意见》');
    expect(second).toMatchObject({mine: 'A、C', key: 'A、B、D', correct: false});
    expect(second.options.map((option) => option.state)).toEqual(['right', 'right', 'wrong', 'right']);
    expect(second.analysis).toContain('强制入会');
    expect(third).toMatchObject({mine: '未作答', key: 'B', correct: false});
  });

  test.each([
    ['submitted', '交卷'],
    ['expired', '到时自动交卷'],
    ['left_app', '切出次数超限自动交卷'],
  ])('finish reason %s reads %s', (reason, words) => {
    const result = fq.result(fq.attempt(), {101: ['A']}, {finish_reason: reason});
    expect(review.summary(result)).toEqual({score: 5, maxScore: 20, correct: '1/4', timeUsed: '3分05秒', reason: words});
  });
});

describe('board', () => {
  test('member rows show score and time used; group rows average and participation', () => {
    expect(board.row('member', {rank: 1, name: '王会员', score: 95, time_used_ms: 312400})).toEqual({
      rank: 1,
      name: '王会员',
      score: '95',
      unit: '分',
      detail: '用时 5分12秒',
    });
    const group = board.row('association', {rank: 2, id: 7, name: '台州市椒江区建筑业协会', average: 87.456, participants: 25, registered: 40, participation_rate: 0.625});
    expect(group).toMatchObject({score: '87.5', detail: '平均分 · 25 人参与 · 参与率 62.5%'});
    expect(board.rate(null)).toBe('—');
  });

  test('my member row is named 我; no row says how to get one', () => {
    expect(board.mine('member', {rank: 12, score: 80, time_used_ms: 60000}).name).toBe('我');
    expect(board.mine('district', null)).toBeNull();
    expect(board.noPlace('member')).toContain('还没有本竞赛的成绩');
  });
});

describe('competitions', () => {
  const now = Date.now();
  const list = [
    fx.competition({id: 1, status: 'closed', ends_at: fx.iso(now - 10 * fx.HOUR)}),
    fx.competition({id: 2, status: 'upcoming', starts_at: fx.iso(now + 48 * fx.HOUR)}),
    fx.competition({id: 3, status: 'open', ends_at: fx.iso(now + 72 * fx.HOUR)}),
    fx.competition({id: 4, status: 'closed', ends_at: fx.iso(now - fx.HOUR)}),
    fx.competition({id: 5, status: 'open', ends_at: fx.iso(now + 2 * fx.HOUR)}),
    fx.competition({id: 6, status: 'upcoming', starts_at: fx.iso(now + 3 * fx.HOUR)}),
  ];

  test('groups open (ending soonest first), then upcoming (starting soonest), then closed (latest first)', () => {
    expect(competitions.group(list).map((section) => [section.label, section.items.map((item) => item.id)])).toEqual([
      ['进行中', [5, 3]],
      ['未开始', [6, 2]],
      ['已结束', [4, 1]],
    ]);
  });

  test('a card shows the window in Beijing time, attempts and best score', () => {
    const card = competitions.card(
      fx.competition({starts_at: '2026-12-08T01:30:00+00:00', ends_at: '2026-12-20T10:00:00+00:00', attempts_used: 1, best_score: null}),
    );
    expect(card.window).toMatch(/^(2026年)?12月8日 09:30 – (2026年)?12月20日 18:00$/);
    expect(card).toMatchObject({attempts: '已答 1/3 次', best: '暂无', action: '再答一次', statusLabel: '进行中'});
  });

  test('rules mention the leave limit only when there is one', () => {
    const rules = competitions.rules(fq.detail({max_leaves: 3}));
    expect(rules).toContain('共 20 题，每题 5 分，满分 100 分');
    expect(rules).toContain('限时 10 分钟，从开始答题时计时，时间到自动交卷');
    expect(rules).toContain('答题期间切出小程序超过 3 次将自动交卷');
    expect(competitions.rules(fq.detail()).join()).not.toContain('切出');
    expect(competitions.limitLabel(90)).toBe('1分30秒');
  });

  test('says why a member cannot start', () => {
    expect(competitions.blocker(fq.detail({attempts_used: 3}))).toBe('您的参赛次数已用完');
    expect(competitions.blocker(fq.detail({eligible: false}))).toContain('仅限');
    expect(competitions.blocker(fq.detail({status: 'closed'}))).toContain('竞赛已结束');
    expect(competitions.blocker(fq.detail({status: 'upcoming', starts_at: '2026-12-08T01:30:00+00:00'}))).toMatch(/^竞赛将于 (2026年)?12月8日 09:30 开始$/);
    expect(competitions.blocker(fq.detail({attempt_in_progress: 9, attempts_used: 3}))).toBe('');
  });
});
