// What following a report shares, by receipt (track) or as my named report (detail): the notice's
// limits for reply photos, replying, rating and explaining a refusal. The page supplies
// sendReply(body, uploadIds) and sendRating(rating, reason), each a promise of the report, and
// show(report).

const reports = require('../../../services/reports');
const errorsOf = require('./report-errors');

module.exports = Behavior({
  data: {limits: null, replying: false, rating: false},

  methods: {
    /** The limits only size the reply's photos; without them the defaults apply. */
    loadLimits() {
      reports
        .getNotice({silent: true})
        .then((notice) => this.setData({limits: notice.limits}))
        .catch(() => {});
    },

    onReply(event) {
      const {body, uploadIds} = event.detail;
      this.setData({replying: true});
      return this.sendReply(body, uploadIds)
        .then((report) => {
          this.show(report);
          this.selectComponent('#progress').replySent();
          wx.showToast({title: '留言已发送', icon: 'success'});
        })
        .catch((error) => this.fail(error, '留言未发送'))
        .finally(() => this.setData({replying: false}));
    },

    onRate(event) {
      const {rating, reason} = event.detail;
      this.setData({rating: true});
      return this.sendRating(rating, reason)
        .then((report) => {
          this.show(report);
          wx.showToast({title: report.status === 'in_progress' ? '已重新办理' : '感谢您的评价', icon: 'success'});
        })
        .catch((error) => this.fail(error, '评价未提交'))
        .finally(() => this.setData({rating: false}));
    },

    fail(error, title) {
      if (['upload_expired', 'upload_not_found'].includes(error.reason)) {
        this.selectComponent('#progress').uploadAgain();
      }
      const {message, why} = errorsOf.explain(error);
      wx.showModal({title, content: why ? `${message}\n${why}` : message, showCancel: false});
    },
  },
});
