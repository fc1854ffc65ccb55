// 竞赛: the competitions I may take, open first, then upcoming, then closed, with my attempts and
// best score; entries to practice and the mistake book at the top.

const quizzes = require('../../services/quizzes');
const competitions = require('../../utils/competitions');

const PAGE_SIZE = 20;
const TAG_THEMES = {open: 'danger', upcoming: 'warning', closed: 'default'};

Component({
  data: {
    loading: true,
    loadingMore: false,
    sections: [],
    end: false,
    error: '',
  },

  methods: {
    onLoad() {
      this.items = [];
      this.pagesLoaded = 0;
      this.total = 0;
      return this.refresh();
    },

    onShow() {
      // Back from a paper: attempts used and best scores have changed.
      if (this.shown) return this.refresh();
      this.shown = true;
      return undefined;
    },

    onPullDownRefresh() {
      return this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      return this.loadMore();
    },

    /** Reload every page loaded so far in one request, so the list keeps its length. */
    async refresh() {
      const pages = Math.max(1, Math.min(this.pagesLoaded, 5));
      try {
        const answer = await quizzes.listCompetitions({page: 1, page_size: PAGE_SIZE * pages});
        this.items = answer.items;
        this.pagesLoaded = pages;
        this.total = answer.total;
        this.render();
      } catch (error) {
        this.setData({loading: false, error: error.message});
      }
    },

    async loadMore() {
      if (this.data.loadingMore || this.data.loading || this.items.length >= this.total) return;
      this.setData({loadingMore: true});
      try {
        const answer = await quizzes.listCompetitions({page: this.pagesLoaded + 1, page_size: PAGE_SIZE});
        const known = new Set(this.items.map((item) => item.id));
        this.items = this.items.concat(answer.items.filter((item) => !known.has(item.id)));
        this.pagesLoaded += 1;
        this.total = answer.total;
        this.render();
      } catch (error) {
        // The toast has said why; scrolling down again retries.
      }
      this.setData({loadingMore: false});
    },

    render() {
      const sections = competitions.group(this.items).map((section) => ({
        status: section.status,
        label: section.label,
        theme: TAG_THEMES[section.status],
        items: section.items.map(competitions.card),
      }));
      this.setData({loading: false, error: '', sections, end: this.items.length >= this.total});
    },

    retry() {
      this.setData({loading: true, error: ''});
      return this.refresh();
    },

    openCompetition(event) {
      wx.navigateTo({url: `/packages/quiz/detail/index?id=${event.currentTarget.dataset.id}`});
    },

    goPractice() {
      wx.navigateTo({url: '/packages/quiz/practice/index'});
    },

    goMistakes() {
      wx.navigateTo({url: '/packages/quiz/mistakes/index'});
    },
  },
});
