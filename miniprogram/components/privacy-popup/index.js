// The privacy notice WeChat requires before privacy APIs; see utils/privacy.js.

const privacy = require('../../utils/privacy');

Component({
  data: {visible: false, contractName: '《清廉协会小程序隐私保护指引》'},

  lifetimes: {
    attached() {
      privacy.register(this);
    },
    detached() {
      privacy.unregister(this);
    },
  },

  methods: {
    /** Show the notice; resolve is WeChat's callback for the member's answer. */
    ask(resolve) {
      this.resolve = resolve;
      this.setData({visible: true});
      if (wx.getPrivacySetting) {
        wx.getPrivacySetting({
          success: (res) => res.privacyContractName && this.setData({contractName: res.privacyContractName}),
        });
      }
    },

    answer(event) {
      // WeChat matches an agreement to the button that carried open-type="agreePrivacyAuthorization".
      const choice = event === 'agree' ? {buttonId: 'privacy-agree', event} : {event};
      if (this.resolve) this.resolve(choice);
      this.resolve = null;
      this.setData({visible: false});
    },

    onAgree() {
      this.answer('agree');
    },

    onDisagree() {
      this.answer('disagree');
      wx.showToast({title: '未同意隐私保护指引，该功能暂不可用', icon: 'none'});
    },

    openContract() {
      wx.openPrivacyContract({});
    },
  },
});
