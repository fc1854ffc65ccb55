// 成绩: score, correct answers, time used and how the paper ended; then every question with my
// choices, the key and the analysis; links to the leaderboard and another attempt.

const quizzes = require('../../../services/quizzes');
const competitions = require('../../../utils/competitions');
const review = require('../utils/review');

Component({
  data: {
    loading: true,
    error: '',
    unfinished: false,
    practice: false,
    number: null,
    summary: null,
    items: [],
    shown: [],
    wrongOnly: false,
    wrongCount: 0,
    again: '',
  },

  methods: {
    onLoad(query) {
      this.attemptId = query.attempt;
      return this.load();
    },

    async load() {
      let attempt;
      try {
        attempt = await quizzes.getAttempt(this.attemptId, {silent: true});
      } catch (error) {
        this.setData({loading: false, error: error.message});
        return;
      }
      this.competitionId = attempt.competition_id;
      if (!attempt.result) {
        this.setData({loading: false, error: '', unfinished: true});
        return;
      }
      const items = review.items(attempt.questions, attempt.result.review);
      const practice = attempt.kind !== 'competition';
      wx.setNavigationBarTitle({title: practice ? '练习结果' : '竞赛成绩'});
      this.setData({
        loading: false,
        error: '',
        practice,
        number: attempt.number,
        summary: review.summary(attempt.result),
        items,
        shown: items,
        wrongCount: items.filter((item) => !item.correct).length,
      });
      if (!practice) await this.loadCompetition();
    },

    /** Whether another attempt is possible: the competition must be open with attempts left. */
    async loadCompetition() {
      try {
        const competition = await quizzes.getCompetition(this.competitionId, {silent: true});
        this.setData({again: competitions.action(competition) ? '再答一次' : ''});
      } catch (error) {
        // Without it there is simply no 再答一次 button.
      }
    },

    toggleWrongOnly() {
      const wrongOnly = !this.data.wrongOnly;
      this.setData({wrongOnly, shown: wrongOnly ? this.data.items.filter((item) => !item.correct) : this.data.items});
    },

    openBoard() {
      wx.navigateTo({url: `/packages/quiz/leaderboard/index?id=${this.competitionId}`});
    },

    tryAgain() {
      wx.redirectTo({url: `/packages/quiz/play/index?competition=${this.competitionId}`});
    },

    resume() {
      wx.redirectTo({url: `/packages/quiz/play/index?attempt=${this.attemptId}`});
    },

    practiseMore() {
      wx.redirectTo({url: '/packages/quiz/practice/index'});
    },

    goMistakes() {
      wx.redirectTo({url: '/packages/quiz/mistakes/index'});
    },
  },
});
