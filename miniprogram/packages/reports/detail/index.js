// One of my named reports (from 我的实名反映, or a status notification): what I wrote, and the
// same status, stages, conversation, reply and rating as tracking by receipt, through
// /me/reports/{public_id} with my login.

const reports = require('../../../services/reports');
const followUp = require('../utils/follow-up');
const serverClock = require('../../../utils/server-clock');
const workdays = require('../utils/workdays');

/** "138****5678": my number, not spelled out to whoever looks over my shoulder. */
function maskPhone(phone) {
  return phone && phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone || '';
}

Component({
  behaviors: [followUp],

  data: {
    loading: true,
    error: '',
    report: null,
    phone: '',
    today: '',
  },

  methods: {
    onLoad(query) {
      this.publicId = decodeURIComponent(query.public_id || '');
      this.loadLimits();
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

    sendReply(body, uploadIds) {
      return reports.replyToMyReport(this.publicId, body, uploadIds, {silent: true});
    },

    sendRating(rating, reason) {
      return reports.rateMyReport(this.publicId, rating, reason, {silent: true});
    },
  },
});
