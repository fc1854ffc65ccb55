// The head of a report as its reporter sees it: status, number, category, date, and what
// happened to it when it left the usual path (merged into another report, content purged).

const status = require('../../utils/report-status');
const time = require('../../../../utils/time');

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    report: {type: Object, value: null},
  },

  data: {view: null},

  observers: {
    report(report) {
      if (!report) return;
      this.setData({
        view: {
          label: status.label(report),
          submitted: time.date(report.submitted_on),
          mergedInto: status.mergedInto(report),
          merged: report.status === 'merged',
          open: status.isOpen(report),
        },
      });
    },
  },
});
