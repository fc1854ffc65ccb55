// 我的打卡: the culture sites I have visited, counts by kind of site, and every check-in, newest
// first, page by page.

const records = require('../utils/my-records');
const pagedList = require('../../../utils/paged-list');
const sites = require('../../../services/sites');

const PAGE_SIZE = 20;

Component({
  behaviors: [pagedList],

  data: {
    sitesVisited: 0,
    types: [],
    rows: [],
  },

  methods: {
    fetchPage(page) {
      return sites.listMyCheckins({page, page_size: PAGE_SIZE});
    },

    showPage(body, items) {
      return {
        sitesVisited: body.sites_visited,
        types: records.visitedTypes(body.by_type),
        rows: items.map(records.checkinRow),
      };
    },

    openSite(event) {
      wx.navigateTo({url: `/packages/sites/detail/index?id=${event.currentTarget.dataset.id}`});
    },

    goMap() {
      wx.switchTab({url: '/pages/map/index'});
    },
  },
});
