// 举报 tab: what can be reported, the ways in (file, track by receipt, my named reports), and
// the promises that protect reporters. Loading the categories needs no login.

const reports = require('../../services/reports');
const categories = require('../../utils/report-categories');

Component({
  data: {
    loading: true,
    overview: [],
  },

  methods: {
    onLoad() {
      return this.load();
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh());
    },

    load() {
      return reports
        .listCategories({silent: true})
        .then((tree) => this.setData({loading: false, overview: categories.overview(tree)}))
        // The page still works without the list: the form loads it again, and says if it fails.
        .catch(() => this.setData({loading: false}));
    },

    goFile() {
      wx.navigateTo({url: '/packages/reports/notice/index'});
    },

    goTrack() {
      wx.navigateTo({url: '/packages/reports/track/index'});
    },

    goMine() {
      wx.navigateTo({url: '/packages/reports/mine/index'});
    },
  },
});
