// 知识练习: choose a category and how many questions, then answer them without a clock; the
// result shows every key and analysis, and wrong answers go to the mistake book.

const quizzes = require('../../../services/quizzes');

const COUNTS = [10, 20, 30];

Component({
  data: {
    loading: true,
    error: '',
    categories: [],
    category: null,
    counts: COUNTS,
    count: COUNTS[0],
    note: '',
    starting: false,
  },

  methods: {
    onLoad() {
      return this.load();
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh());
    },

    async load() {
      try {
        const categories = await quizzes.listCategories();
        const first = categories.find((category) => category.question_count > 0);
        this.setData({loading: false, error: '', categories});
        this.pick(first ? first.id : null, this.data.count);
      } catch (error) {
        this.setData({loading: false, error: error.message});
      }
    },

    chooseCategory(event) {
      const id = Number(event.currentTarget.dataset.id);
      const category = this.data.categories.find((item) => item.id === id);
      if (category && category.question_count > 0) this.pick(id, this.data.count);
    },

    chooseCount(event) {
      this.pick(this.data.category, Number(event.currentTarget.dataset.count));
    },

    /** Select a category and count, saying so when the category has fewer questions. */
    pick(category, count) {
      const chosen = this.data.categories.find((item) => item.id === category);
      const note = chosen && chosen.question_count < count ? `该分类共 ${chosen.question_count} 题，将全部练习` : '';
      this.setData({category, count, note});
    },

    async start() {
      if (this.data.starting || !this.data.category) return;
      this.setData({starting: true});
      try {
        const attempt = await quizzes.startPractice({category: this.data.category, count: this.data.count});
        wx.navigateTo({url: `/packages/quiz/play/index?attempt=${attempt.id}`});
      } catch (error) {
        // The toast said why.
      }
      this.setData({starting: false});
    },

    goMistakes() {
      wx.navigateTo({url: '/packages/quiz/mistakes/index'});
    },
  },
});
