// 我的成绩: every finished competition attempt, newest first, with the one my leaderboard entry
// ranks marked 最好成绩; tapping one opens its result and review.

const records = require('../utils/my-records');
const paging = require('../../../utils/paging');
const quizzes = require('../../../services/quizzes');
const time = require('../../../utils/time');

const PAGE_SIZE = 20;

Component({
  data: {
    loading: true,
    error: '',
    total: 0,
    rows: [],
    more: false,
    loadingMore: false,
  },

  methods: {
    onLoad() {
      return this.reload();
    },

    onPullDownRefresh() {
      return this.reload().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      return this.loadMore();
    },

    reload() {
      this.list = paging.empty();
      this.setData({loading: true, error: ''});
      return this.load(1);
    },

    loadMore() {
      if (!this.list || !this.list.more || this.data.loading || this.data.loadingMore) return undefined;
      this.setData({loadingMore: true});
      return this.load(paging.nextPage(this.list));
    },

    async load(page) {
      try {
        const body = await quizzes.listMyAttempts({page, page_size: PAGE_SIZE});
        this.list = paging.append(this.list, body);
        const thisYear = time.beijing(Date.now()).year;
        this.setData({
          loading: false,
          loadingMore: false,
          error: '',
          total: body.total,
          rows: this.list.items.map((item) => records.attemptRow(item, thisYear)),
          more: this.list.more,
        });
      } catch (error) {
        this.setData({loading: false, loadingMore: false, error: page === 1 ? error.message : ''});
      }
    },

    openResult(event) {
      wx.navigateTo({url: `/packages/quiz/result/index?attempt=${event.currentTarget.dataset.id}`});
    },

    goContests() {
      wx.switchTab({url: '/pages/contests/index'});
    },
  },
});
