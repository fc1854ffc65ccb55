// 进度查询: follow a report by its receipt, with no login and no token. The receipt is kept only
// in this page's memory while it is open; it is never stored, put in a URL or shown again.

const reports = require('../../../services/reports');
const followUp = require('../utils/follow-up');
const receipts = require('../utils/receipt');
const errorsOf = require('../utils/report-errors');
const serverClock = require('../../../utils/server-clock');
const workdays = require('../utils/workdays');

Component({
  behaviors: [followUp],

  data: {
    input: '',
    inputError: '',
    looking: false,
    failure: '',
    why: '',
    report: null,
    today: '',
  },

  methods: {
    onLoad() {
      this.loadLimits();
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

    sendReply(body, uploadIds) {
      return reports.replyByReceipt(this.receipt, body, uploadIds, {silent: true});
    },

    sendRating(rating, reason) {
      return reports.rateByReceipt(this.receipt, rating, reason, {silent: true});
    },
  },
});
