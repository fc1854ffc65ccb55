// 竞赛详情: the rules and my progress, the button that starts or resumes a paper, the
// leaderboard, and for an upcoming competition a one-off reminder when it opens.

const quizzes = require('../../../services/quizzes');
const competitions = require('../../../utils/competitions');

Component({
  data: {
    loading: true,
    error: '',
    detail: null,
    card: null,
    limit: '',
    left: 0,
    rules: [],
    action: '',
    blocker: '',
    reminderOffered: false,
  },

  methods: {
    onLoad(query) {
      this.competitionId = query.id;
      return this.load();
    },

    onShow() {
      // Back from a paper: attempts left, best score and the button have changed.
      if (this.shown) return this.load();
      this.shown = true;
      return undefined;
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh());
    },

    onShareAppMessage() {
      const {detail} = this.data;
      return {title: detail ? detail.title : '清廉知识竞赛', path: `/packages/quiz/detail/index?id=${this.competitionId}`};
    },

    async load() {
      try {
        const detail = await quizzes.getCompetition(this.competitionId, {silent: true});
        this.setData({
          loading: false,
          error: '',
          detail,
          card: competitions.card(detail),
          limit: competitions.limitLabel(detail.time_limit_seconds),
          left: competitions.attemptsLeft(detail),
          rules: competitions.rules(detail),
          action: competitions.action(detail),
          blocker: competitions.blocker(detail),
          reminderOffered: detail.status === 'upcoming' && Boolean(detail.reminder_template_id),
        });
      } catch (error) {
        this.setData({loading: false, error: error.message});
      }
    },

    start() {
      wx.navigateTo({url: `/packages/quiz/play/index?competition=${this.competitionId}`});
    },

    openBoard() {
      wx.navigateTo({url: `/packages/quiz/leaderboard/index?id=${this.competitionId}`});
    },

    /** Ask WeChat for the member's consent first; only an accepted template is worth keeping. */
    remind() {
      const templateId = this.data.detail.reminder_template_id;
      wx.requestSubscribeMessage({
        tmplIds: [templateId],
        success: (res) => {
          if (res[templateId] === 'accept') {
            this.saveReminder(templateId);
          } else {
            wx.showToast({title: '未设置提醒：需要在弹窗中选择“允许”', icon: 'none', duration: 2500});
          }
        },
        fail: () => {
          wx.showToast({title: '暂时无法设置提醒，请在右上角“…”→“设置”中打开通知后重试', icon: 'none', duration: 3000});
        },
      });
    },

    async saveReminder(templateId) {
      try {
        await quizzes.requestReminder(this.competitionId, templateId);
        this.setData({'detail.reminder_requested': true});
        wx.showToast({title: '已设置开赛提醒', icon: 'none'});
      } catch (error) {
        // The toast said why (most often: the competition has just opened).
        this.load();
      }
    },

    async cancelReminder() {
      try {
        await quizzes.cancelReminder(this.competitionId);
        this.setData({'detail.reminder_requested': false});
        wx.showToast({title: '已取消开赛提醒', icon: 'none'});
      } catch (error) {
        // The toast said why.
      }
    },
  },
});
