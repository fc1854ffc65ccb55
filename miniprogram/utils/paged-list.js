// A page's list loaded page by page: first page on load and on pull-down, the next one at the
// bottom. The page supplies fetchPage(page) → the API's {items, total, page, page_size}, and
// showPage(body, items) → the data to set; a first page that fails replaces the list with its
// message, a later one keeps what is shown (its toast says why).

const paging = require('./paging');

module.exports = Behavior({
  data: {loading: true, loadingMore: false, error: '', total: 0, more: false},

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
      return this.loadPage(1);
    },

    loadMore() {
      if (!this.list || !this.list.more || this.data.loading || this.data.loadingMore) return undefined;
      this.setData({loadingMore: true});
      return this.loadPage(paging.nextPage(this.list));
    },

    async loadPage(page) {
      try {
        const body = await this.fetchPage(page);
        this.list = paging.append(this.list, body);
        this.setData(
          Object.assign(
            {loading: false, loadingMore: false, error: '', total: body.total, more: this.list.more},
            this.showPage(body, this.list.items),
          ),
        );
      } catch (error) {
        this.setData({loading: false, loadingMore: false, error: page === 1 ? error.message : ''});
      }
    },
  },
});
