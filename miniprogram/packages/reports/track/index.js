// 进度查询: follow a report by its receipt, with no login and no token. The receipt is kept only
// in this page's memory while it is open; it is never stored, put in a URL or shown again.

const reports = require('../../../services/reports');
const receipts = require('../utils/receipt');
const errorsOf = require('../utils/report-errors');
const serverClock = require('../../../utils/server-clock');
const workdays = require('../utils/workdays');

Component({
  data: {
    input: '',
    inputError: '',
    looking: false,
    failure: '',
    why: '',
    report: null,
    today: '',
    limits: null,
    replying: false,
    rating: false,
  },

  methods: {
    onLoad() {
      // The limits only size the reply's photos; without them the defaults apply.
      reports
        .getNotice({silent: true})
        .then((notice) => this.setData({limits: notice.limits}))
        .catch(() => {});
    },

    onUnload() {
      this.receipt = null;
    },

    onPullDownRefresh() {
      const done = () => wx.stopPullDownRefresh();
      return (this.receipt ? this.fetch(this.receipt) : Promise.resolve()).then(done, done);
    },

    onInput(event) {
      this.setData({input: event.detail.value, inputError: ''});
    },

    lookup() {
      if (this.data.looking) return Promise.resolve();
      const {receipt, error} = receipts.check(this.data.input);
      if (error) {
        this.setData({inputError: error});
        return Promise.resolve();
      }
      return this.fetch(receipt);
    },

    fetch(receipt) {
      this.setData({looking: true, failure: '', why: ''});
      return reports
        .track(receipt, {silent: true})
        .then((report) => {
          this.receipt = receipt;
          this.show(report);
          this.setData({looking: false, input: ''});
        })
        .catch((error) => {
          const {message, why} = errorsOf.explain(error);
          if (error.statusCode === 404 || error.statusCode === 422) this.setData({looking: false, inputError: message});
          else this.setData({looking: false, failure: message, why});
        });
    },

    show(report) {
      this.setData({report, today: workdays.today(Date.now() + serverClock.offset())});
    },

    /** Look up another receipt: forget this one. */
    another() {
      this.receipt = null;
      this.setData({report: null, input: '', inputError: '', failure: '', why: ''});
    },

    onReply(event) {
      const {body, uploadIds} = event.detail;
      this.setData({replying: true});
      return reports
        .replyByReceipt(this.receipt, body, uploadIds, {silent: true})
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
      return reports
        .rateByReceipt(this.receipt, rating, reason, {silent: true})
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
