// The stages of a report, from filing to closing, with the pending stage's deadline in working
// days, an extension's reason, and the end of a branch (不予受理, 转办, 合并).

const status = require('../../utils/report-status');

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    report: {type: Object, value: null},
    // Beijing's date "YYYY-MM-DD" on the server's clock, to tell whether a deadline has passed.
    today: {type: String, value: ''},
    limits: {type: Object, value: null},
  },

  data: {steps: []},

  observers: {
    'report, today, limits'(report, today, limits) {
      this.setData({steps: report ? status.timeline(report, today, limits) : []});
    },
  },
});
