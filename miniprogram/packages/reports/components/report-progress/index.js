// Everything a reporter follows on one report, for both ways in (receipt, or my named report):
// status, stages with deadlines, the conversation, a reply box while the report is open, and
// the rating once it is resolved. Emits `reply` {body, uploadIds} and `rate` {rating, reason};
// the page sends them and calls replySent() when a reply went through.

const status = require('../../utils/report-status');

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    report: {type: Object, value: null},
    today: {type: String, value: ''},
    limits: {type: Object, value: null},
    replying: {type: Boolean, value: false},
    rating: {type: Boolean, value: false},
  },

  data: {open: false},

  observers: {
    report(report) {
      this.setData({open: status.isOpen(report)});
    },
  },

  methods: {
    onReply(event) {
      this.triggerEvent('reply', event.detail);
    },

    onRate(event) {
      this.triggerEvent('rate', event.detail);
    },

    replySent() {
      this.selectComponent('#reply').reset();
    },

    /** The reply's photos expired on the server: upload them again. */
    uploadAgain() {
      return this.selectComponent('#reply').uploadAgain();
    },
  },
});
