// 首页: the open competition with its countdown and my best score, the service entries, and the
// association I belong to.

const me = require('../../services/me');
const quizzes = require('../../services/quizzes');
const competitions = require('../../utils/competitions');
const serverClock = require('../../utils/server-clock');
const session = require('../../utils/session');
const time = require('../../utils/time');

Component({
  data: {
    loading: true,
    member: null,
    contest: null,
    action: '',
    endsIn: '',
    limitMinutes: 0,
    error: '',
  },

  methods: {
    onLoad() {
      this.setData({member: session.member()});
      return this.refresh();
    },

    onShow() {
      // Coming back from a paper or the profile: the best score or association may have changed.
      if (this.shown) this.refresh();
      this.shown = true;
    },

    onHide() {
      this.stopTimer();
    },

    onUnload() {
      this.stopTimer();
    },

    onPullDownRefresh() {
      return this.refresh().then(() => wx.stopPullDownRefresh());
    },

    async refresh() {
      try {
        const [member, open] = await Promise.all([
          me.getMe({silent: true}),
          quizzes.listCompetitions({status: 'open', page_size: 10}),
        ]);
        session.saveMember(member);
        const [first] = competitions.group(open.items).map((section) => section.items)[0] || [];
        this.setData({
          loading: false,
          error: '',
          member,
          contest: first || null,
          action: first ? competitions.action(first) : '',
          limitMinutes: first ? Math.round(first.time_limit_seconds / 60) : 0,
        });
        this.startTimer();
      } catch (error) {
        this.setData({loading: false, error: error.message});
      }
    },

    startTimer() {
      this.stopTimer();
      const {contest} = this.data;
      if (!contest) return;
      const update = () => {
        const left = time.remainingMs(contest.ends_at, serverClock.offset(), Date.now());
        this.setData({endsIn: left > 3600 * 1000 ? time.span(left) : time.clock(left)});
        if (!left) this.stopTimer();
      };
      update();
      this.timer = setInterval(update, 1000);
    },

    stopTimer() {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    },

    openContest() {
      wx.navigateTo({url: `/packages/quiz/detail/index?id=${this.data.contest.id}`});
    },

    goContests() {
      wx.switchTab({url: '/pages/contests/index'});
    },

    goProfile() {
      wx.navigateTo({url: '/packages/me/profile/index'});
    },

    goPractice() {
      wx.navigateTo({url: '/packages/quiz/practice/index'});
    },

    goMistakes() {
      wx.navigateTo({url: '/packages/quiz/mistakes/index'});
    },

    goMap() {
      wx.switchTab({url: '/pages/map/index'});
    },

    goReport() {
      wx.switchTab({url: '/pages/report/index'});
    },

    goTrack() {
      wx.navigateTo({url: '/packages/reports/track/index'});
    },

    goCheckins() {
      wx.navigateTo({url: '/packages/me/checkins/index'});
    },
  },
});
