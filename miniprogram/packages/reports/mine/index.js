// 我的实名反映: my named reports, newest first, page by page. Anonymous reports are tied to no
// account, so they never appear here (they are followed by receipt).

const reports = require('../../../services/reports');
const paging = require('../../../utils/paging');
const status = require('../utils/report-status');
const time = require('../../../utils/time');

const PAGE_SIZE = 20;

/** One list row as shown. */
function row(report) {
  return {
    publicId: report.public_id,
    title: report.title || '（内容已按规定清除）',
    label: status.label(report),
    tone: status.tone(report.status),
    category: report.category_name,
    association: report.association ? report.association.name : '',
    submitted: time.date(report.submitted_on),
    canRate: report.can_rate,
  };
}

Component({
  data: {
    items: [],
    total: 0,
    more: false,
    loading: true,
    loaded: false,
    error: '',
  },

  methods: {
    onLoad() {
      return this.reload();
    },

    onShow() {
      // Back from a report I answered or rated: its status may have changed.
      if (this.shown) this.reload();
      this.shown = true;
    },

    onPullDownRefresh() {
      return this.reload().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      if (this.data.loading || !this.data.more) return undefined;
      return this.load(paging.nextPage(this.list));
    },

    reload() {
      this.list = paging.empty();
      return this.load(1);
    },

    load(page) {
      this.setData({loading: true, error: ''});
      return reports
        .listMyReports({page, page_size: PAGE_SIZE}, {silent: true})
        .then((body) => {
          this.list = paging.append(this.list, body);
          this.setData({
            items: this.list.items.map(row),
            total: this.list.total,
            more: this.list.more,
            loading: false,
            loaded: true,
          });
        })
        .catch((error) => this.setData({loading: false, error: error.message}));
    },

    open(event) {
      wx.navigateTo({url: `/packages/reports/detail/index?public_id=${encodeURIComponent(event.currentTarget.dataset.id)}`});
    },

    goTrack() {
      wx.navigateTo({url: '/packages/reports/track/index'});
    },
  },
});
