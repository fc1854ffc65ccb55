// The notice (须知): read and agreed before the form opens. The form is opened with the version
// agreed to, which it sends with the report (a newer notice must be read again).

const reports = require('../../../services/reports');

Component({
  data: {
    loading: true,
    error: '',
    notice: null,
    agreed: false,
  },

  methods: {
    onLoad() {
      return this.load();
    },

    load() {
      this.setData({loading: true, error: ''});
      return reports
        .getNotice({silent: true})
        .then((notice) => this.setData({loading: false, notice}))
        .catch((error) => this.setData({loading: false, error: error.message}));
    },

    onAgree(event) {
      this.setData({agreed: event.detail.checked});
    },

    goForm() {
      const {notice, agreed} = this.data;
      if (!notice || !agreed) return;
      wx.redirectTo({url: `/packages/reports/form/index?notice=${encodeURIComponent(notice.version)}`});
    },
  },
});
