// 我的打卡: the culture sites I have visited, counts by kind of site, and every check-in, newest
// first, page by page.

const records = require('../utils/my-records');
const paging = require('../../../utils/paging');
const sites = require('../../../services/sites');

const PAGE_SIZE = 20;

Component({
  data: {
    loading: true,
    error: '',
    total: 0,
    sitesVisited: 0,
    types: [],
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
        const body = await sites.listMyCheckins({page, page_size: PAGE_SIZE});
        this.list = paging.append(this.list, body);
        this.setData({
          loading: false,
          loadingMore: false,
          error: '',
          total: body.total,
          sitesVisited: body.sites_visited,
          types: records.visitedTypes(body.by_type),
          rows: this.list.items.map(records.checkinRow),
          more: this.list.more,
        });
      } catch (error) {
        // The first page's failure replaces the page; a later page's keeps what is shown (its toast says why).
        this.setData({loading: false, loadingMore: false, error: page === 1 ? error.message : ''});
      }
    },

    openSite(event) {
      wx.navigateTo({url: `/packages/sites/detail/index?id=${event.currentTarget.dataset.id}`});
    },

    goMap() {
      wx.switchTab({url: '/pages/map/index'});
    },
  },
});
