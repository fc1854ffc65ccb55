// 我的: who I am on this phone (avatar kept locally, nickname, association), my records, consent
// to report-progress notifications, the privacy page, and logging out or back in.

const account = require('../../utils/account');
const auth = require('../../services/auth');
const avatar = require('../../utils/avatar');
const me = require('../../services/me');
const session = require('../../utils/session');

// wx.requestSubscribeMessage's errCode when the member has turned subscribe messages off.
const SWITCHED_OFF = 20004;

/** wx.requestSubscribeMessage as a promise of its result ({<template id>: 'accept' | 'reject' …}). */
function requestSubscribe(tmplIds) {
  return new Promise((resolve, reject) => {
    wx.requestSubscribeMessage({tmplIds, success: resolve, fail: reject});
  });
}

Component({
  data: {
    loggedIn: false,
    member: null,
    avatar: '',
    subscriptions: [],
    credits: 0,
    subscribing: false,
    loggingIn: false,
  },

  methods: {
    onShow() {
      return this.refresh();
    },

    /** Show what this phone knows at once, then what the server says. */
    async refresh() {
      if (!session.token()) {
        this.setData({loggedIn: false, member: null, avatar: '', subscriptions: [], credits: 0});
        return;
      }
      this.setData({loggedIn: true, member: session.member(), avatar: avatar.current()});
      const [member, subscriptions] = await Promise.all([
        me.getMe({silent: true}).catch(() => null),
        me.listSubscriptions({silent: true}).catch(() => null),
      ]);
      if (!session.token()) return;
      if (member) {
        session.saveMember(member);
        this.setData({member});
      }
      if (subscriptions) this.showSubscriptions(subscriptions);
    },

    showSubscriptions(subscriptions) {
      this.setData({subscriptions, credits: account.reportCredits(subscriptions)});
    },

    go(event) {
      wx.navigateTo({url: event.currentTarget.dataset.url});
    },

    /** One consent per template the member accepts; each allows the server one message. */
    subscribe() {
      const {subscriptions} = this.data;
      const tmplIds = subscriptions.map((item) => item.template_id);
      if (!tmplIds.length || this.data.subscribing) return undefined;
      this.setData({subscribing: true});
      return requestSubscribe(tmplIds)
        .then(async (result) => {
          const accepted = account.acceptedTemplates(result, tmplIds);
          if (!accepted.length) {
            wx.showToast({title: '您未同意接收通知', icon: 'none'});
            return;
          }
          const confirmed = [];
          for (const templateId of accepted) {
            // A consent the server could not record has shown its own toast.
            const recorded = await me.addSubscription(templateId).catch(() => null);
            if (recorded) confirmed.push(recorded);
          }
          if (!confirmed.length) return;
          this.showSubscriptions(account.withCredits(subscriptions, confirmed));
          wx.showToast({title: '已同意接收一条通知', icon: 'success'});
        })
        .catch((error) => {
          // wx.requestSubscribeMessage itself failed: WeChat says nothing to the member.
          wx.showModal({
            title: '无法订阅通知',
            content:
              error && error.errCode === SWITCHED_OFF
                ? '您关闭了订阅消息，请在右上角“…”→“设置”中打开“接收订阅消息”后重试。'
                : '暂时无法订阅通知，请稍后重试。',
            showCancel: false,
          });
        })
        .finally(() => this.setData({subscribing: false}));
    },

    logout() {
      return new Promise((resolve) => {
        wx.showModal({
          title: '退出登录',
          content: '退出后，本机保存的登录状态、头像和尚未提交的答题记录将被清除；再使用需要登录的功能时，将用当前微信重新登录。',
          confirmText: '退出',
          success: (res) => {
            if (res.confirm) this.forgetPhone();
            resolve(Boolean(res.confirm));
          },
          fail: () => resolve(false),
        });
      });
    },

    /** Forget the session, the avatar and every local quiz queue. */
    forgetPhone() {
      const {keys} = wx.getStorageInfoSync();
      session.clear();
      avatar.forget();
      account.keysToForget(keys).forEach((key) => wx.removeStorageSync(key));
      this.setData({loggedIn: false, member: null, avatar: '', subscriptions: [], credits: 0});
    },

    login() {
      if (this.data.loggingIn) return undefined;
      this.setData({loggingIn: true});
      return auth
        .login()
        .then(() => this.refresh())
        .catch((error) => wx.showToast({title: error.message || '微信登录失败，请重试', icon: 'none'}))
        .finally(() => this.setData({loggingIn: false}));
    },
  },
});
