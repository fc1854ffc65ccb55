// 我的成绩: every finished competition attempt, newest first, with the one my leaderboard entry
// ranks marked 最好成绩; tapping one opens its result and review.

const records = require('../utils/my-records');
const pagedList = require('../../../utils/paged-list');
const quizzes = require('../../../services/quizzes');
const time = require('../../../utils/time');

const PAGE_SIZE = 20;

Component({
  behaviors: [pagedList],

  data: {
    rows: [],
  },

  methods: {
    fetchPage(page) {
      return quizzes.listMyAttempts({page, page_size: PAGE_SIZE});
    },

    showPage(body, items) {
      const thisYear = time.beijing(Date.now()).year;
      return {rows: items.map((item) => records.attemptRow(item, thisYear))};
    },

    openResult(event) {
      wx.navigateTo({url: `/packages/quiz/result/index?attempt=${event.currentTarget.dataset.id}`});
    },

    goContests() {
      wx.switchTab({url: '/pages/contests/index'});
    },
  },
});
