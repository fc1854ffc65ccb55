// The receipt, shown once: it reaches this page in memory from the form (the event channel of
// wx.navigateTo), never in the URL or storage, and is forgotten when the page closes.

const receipt = require('../utils/receipt');
const status = require('../utils/report-status');

Component({
  data: {
    shown: false,
    missing: false,
    groups: [],
    publicId: '',
    statusLabel: '',
  },

  methods: {
    onLoad() {
      const channel = typeof this.getOpenerEventChannel === 'function' ? this.getOpenerEventChannel() : null;
      if (channel && channel.on) channel.on('receipt', (answer) => this.show(answer));
      // Opened any other way (or restored by WeChat), there is no receipt to show, ever.
      this.timer = setTimeout(() => {
        if (!this.data.shown) this.setData({missing: true});
      }, channel ? 1500 : 0);
    },

    onUnload() {
      clearTimeout(this.timer);
      this.answer = null;
    },

    /** Show the form's answer {receipt, public_id, status}. */
    show(answer) {
      this.answer = answer;
      this.setData({
        shown: true,
        groups: receipt.groups(answer.receipt),
        publicId: answer.public_id,
        statusLabel: status.label({status: answer.status}),
      });
    },

    copy() {
      if (!this.answer) return;
      wx.setClipboardData({data: receipt.format(this.answer.receipt)});
    },

    /** Done: back to the 举报 tab (closing this page), after a last reminder. */
    finish() {
      wx.showModal({
        title: '已保存回执码了吗？',
        content: '离开本页后回执码不会再显示，也无法找回。',
        confirmText: '已保存',
        cancelText: '再看看',
        success: (res) => {
          if (res.confirm) wx.switchTab({url: '/pages/report/index'});
        },
      });
    },
  },
});
