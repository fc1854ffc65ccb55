// 排行榜: ranks by member, association and district, with my own place pinned at the bottom.

const quizzes = require('../../../services/quizzes');
const board = require('../utils/board');

const PAGE_SIZE = 20;

Component({
  data: {
    tabs: board.BOARDS,
    by: 'member',
    title: '',
    loading: true,
    loadingMore: false,
    error: '',
    rows: [],
    end: false,
    me: null,
    noPlace: '',
  },

  methods: {
    onLoad(query) {
      this.competitionId = query.id;
      this.by = board.BOARDS.some((tab) => tab.by === query.by) ? query.by : 'member';
      this.setData({by: this.by});
      return Promise.all([this.loadTitle(), this.reload()]);
    },

    onPullDownRefresh() {
      return this.reload().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      return this.loadMore();
    },

    async loadTitle() {
      try {
        const competition = await quizzes.getCompetition(this.competitionId, {silent: true});
        this.setData({title: competition.title});
      } catch (error) {
        // The board reads well without its title.
      }
    },

    switchBoard(event) {
      const {by} = event.currentTarget.dataset;
      if (by === this.by) return undefined;
      this.by = by;
      this.setData({by, rows: [], me: null, loading: true});
      return this.reload();
    },

    async reload() {
      this.pagesLoaded = 0;
      this.total = 0;
      this.items = [];
      return this.fetch();
    },

    async loadMore() {
      if (this.data.loading || this.data.loadingMore || this.items.length >= this.total) return;
      this.setData({loadingMore: true});
      await this.fetch();
      this.setData({loadingMore: false});
    },

    /** The next page of the current board; an answer for a board no longer shown is ignored. */
    async fetch() {
      const by = this.by;
      let answer;
      try {
        answer = await quizzes.getLeaderboard(this.competitionId, {by, page: this.pagesLoaded + 1, page_size: PAGE_SIZE});
      } catch (error) {
        if (by === this.by) this.setData({loading: false, error: this.items.length ? '' : error.message});
        return;
      }
      if (by !== this.by) return;
      this.pagesLoaded += 1;
      this.total = answer.total;
      this.items = this.items.concat(answer.items);
      this.setData({
        loading: false,
        error: '',
        rows: this.items.map((item) => board.row(by, item)),
        end: this.items.length >= this.total,
        me: board.mine(by, answer.me),
        noPlace: board.noPlace(by),
      });
    },
  },
});
