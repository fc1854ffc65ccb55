// One of my named reports (from 我的实名反映, or a status notification): what I wrote, and the
// same status, stages, conversation, reply and rating as tracking by receipt, through
// /me/reports/{public_id} with my login.

const reports = require('../../../services/reports');
const errorsOf = require('../utils/report-errors');
const serverClock = require('../../../utils/server-clock');
const workdays = require('../utils/workdays');

/** "138****5678": my number, not spelled out to whoever looks over my shoulder. */
function maskPhone(phone) {
  return phone && phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone || '';
}

Component({
  data: {
    loading: true,
    error: '',
    report: null,
    phone: '',
    today: '',
    limits: null,
    replying: false,
    rating: false,
  },

  methods: {
    onLoad(query) {
      this.publicId = decodeURIComponent(query.public_id || '');
      reports
        .getNotice({silent: true})
        .then((notice) => this.setData({limits: notice.limits}))
        .catch(() => {});
      if (!this.publicId) {
        this.setData({loading: false, error: '没有找到这件问题反映'});
        return Promise.resolve();
      }
      return this.load();
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh());
    },

    load() {
      this.setData({error: ''});
      return reports
        .getMyReport(this.publicId, {silent: true})
        .then((report) => this.show(report))
        .catch((error) => this.setData({loading: false, error: error.message}));
    },

    show(report) {
      this.setData({
        loading: false,
        report,
        phone: maskPhone(report.reporter_phone),
        today: workdays.today(Date.now() + serverClock.offset()),
      });
    },

    onReply(event) {
      const {body, uploadIds} = event.detail;
      this.setData({replying: true});
      return reports
        .replyToMyReport(this.publicId, body, uploadIds, {silent: true})
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
        .rateMyReport(this.publicId, rating, reason, {silent: true})
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
