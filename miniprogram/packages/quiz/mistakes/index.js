// 错题本: the questions I got wrong, latest first, with my choices, the key and the analysis;
// filter by category among those loaded, and practise them again.

const quizzes = require('../../../services/quizzes');
const review = require('../utils/review');

const PAGE_SIZE = 20;
const PRACTICE_COUNT = 20;

Component({
  data: {
    loading: true,
    loadingMore: false,
    error: '',
    total: 0,
    filters: [],
    category: 0,
    list: [],
    end: false,
    starting: false,
  },

  methods: {
    onLoad() {
      this.names = {};
      return Promise.all([this.loadCategories(), this.reload()]).then(() => this.render());
    },

    onShow() {
      // Back from a practice round: new mistakes may have joined the book.
      if (this.visited) return this.reload().then(() => this.render());
      this.visited = true;
      return undefined;
    },

    onPullDownRefresh() {
      return this.reload()
        .then(() => this.render())
        .then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      return this.loadMore();
    },

    async loadCategories() {
      try {
        const categories = await quizzes.listCategories();
        categories.forEach((category) => {
          this.names[category.id] = category.name;
        });
      } catch (error) {
        // Filters then name categories generically; the book itself still loads.
      }
    },

    async reload() {
      this.pagesLoaded = 0;
      this.items = [];
      this.total = 0;
      return this.fetch();
    },

    async loadMore() {
      if (this.data.loading || this.data.loadingMore || this.items.length >= this.total) return;
      this.setData({loadingMore: true});
      await this.fetch();
      this.setData({loadingMore: false});
      this.render();
    },

    async fetch() {
      try {
        const answer = await quizzes.listMistakes({page: this.pagesLoaded + 1, page_size: PAGE_SIZE});
        this.pagesLoaded += 1;
        this.total = answer.total;
        this.items = this.items.concat(answer.items);
        this.error = '';
      } catch (error) {
        this.error = this.items.length ? '' : error.message;
      }
    },

    /** The filters (categories among loaded mistakes) and the mistakes of the chosen one. */
    render() {
      const counts = {};
      this.items.forEach((mistake) => {
        if (mistake.category_id) counts[mistake.category_id] = (counts[mistake.category_id] || 0) + 1;
      });
      const filters = Object.keys(counts).map((id) => ({id: Number(id), label: this.names[id] || '其他分类'}));
      const category = filters.some((filter) => filter.id === this.data.category) ? this.data.category : 0;
      const list = this.items
        .filter((mistake) => !category || mistake.category_id === category)
        .map((mistake, index) => Object.assign(review.item(mistake, mistake, index + 1), {badge: `错 ${mistake.times_wrong} 次`}));
      this.setData({
        loading: false,
        error: this.error,
        total: this.total,
        filters: filters.length > 1 ? [{id: 0, label: '全部'}].concat(filters) : [],
        category,
        list,
        end: this.items.length >= this.total,
      });
    },

    chooseCategory(event) {
      this.setData({category: Number(event.currentTarget.dataset.id)});
      this.render();
    },

    /** A practice round from my mistakes (in the chosen category, if one is chosen). */
    async practise() {
      if (this.data.starting) return;
      this.setData({starting: true});
      try {
        const attempt = await quizzes.startPractice({
          fromMistakes: true,
          category: this.data.category || undefined,
          count: PRACTICE_COUNT,
        });
        wx.navigateTo({url: `/packages/quiz/play/index?attempt=${attempt.id}`});
      } catch (error) {
        // The toast said why.
      }
      this.setData({starting: false});
    },

    retry() {
      this.setData({loading: true});
      return this.reload().then(() => this.render());
    },

    goPractice() {
      wx.redirectTo({url: '/packages/quiz/practice/index'});
    },
  },
});
