// 答题: one question at a time on the server's clock. Each choice is saved at once, and queued
// on the phone when it cannot be (../utils/answer-queue); leaving the app during a competition is
// counted (../utils/fair-play); submitting, the deadline or too many leaves lead to the result.
//   ?competition=ID starts or resumes that competition's paper; ?attempt=ID opens a known one.

const quizzes = require('../../../services/quizzes');
const answerQueue = require('../utils/answer-queue');
const countdown = require('../utils/countdown');
const fairPlay = require('../utils/fair-play');
const retrier = require('../utils/retrier');
const time = require('../../../utils/time');
const paper = require('../utils/paper');
const store = require('../utils/paper-store');

const WARN_MS = 60 * 1000;

/** Forget everything kept on the phone for a finished attempt. */
function discard(attemptId, competitionId) {
  answerQueue.open(attemptId).clear();
  fairPlay.open(attemptId).clear();
  store.forget(attemptId, competitionId);
}

Component({
  data: {
    loading: true,
    error: '',
    practice: false,
    index: 0,
    total: 0,
    last: false,
    progress: '',
    question: null,
    typeLabel: '',
    options: [],
    sheet: [],
    sheetOpen: false,
    answeredCount: 0,
    pending: 0,
    offline: false,
    timed: false,
    clock: '',
    warn: false,
    timeUp: false,
    leaveNote: '',
    submitting: false,
    submitNote: '',
  },

  methods: {
    onLoad(query) {
      return this.open(query);
    },

    onUnload() {
      this.teardown();
    },

    /** Load the paper from the server, or as kept on the phone when the network is down. */
    async open(query) {
      let attempt;
      try {
        // One quick retry: without a network the paper kept on the phone is the way on.
        attempt = query.competition
          ? await quizzes.startAttempt(query.competition, {silent: true, retries: 1})
          : await quizzes.getAttempt(query.attempt, {silent: true, retries: 1});
      } catch (error) {
        const kept = error.network ? store.load(query.attempt || store.current(query.competition)) : null;
        if (!kept) return this.setData({loading: false, error: error.message});
        return this.begin(kept.attempt, kept.offsetMs, Object.assign({}, kept.choices), true);
      }
      if (attempt.result) return this.finish(attempt);
      const previous = query.competition ? store.current(query.competition) : null;
      // The server starts a new attempt only once the last one is over: what it left here is moot.
      if (previous && previous !== attempt.id) discard(previous, attempt.competition_id);
      const offsetMs = time.clockOffset(attempt.now, Date.now());
      store.save(attempt, offsetMs);
      return this.begin(attempt, offsetMs, {}, false);
    },

    begin(attempt, offsetMs, kept, offline) {
      this.attempt = attempt;
      this.questions = attempt.questions;
      this.queue = answerQueue.open(attempt.id);
      // Local choices win over the server's: they are newer, and the queue sends them next.
      this.choices = paper.mergeChoices(this.questions, Object.assign(kept, this.queue.choices()));
      store.remember(attempt.id, this.choices);
      this.answers = retrier.create(() => this.flushAnswers());
      this.submitter = retrier.create(() => this.sendSubmit());
      const practice = attempt.kind !== 'competition';
      const missing = paper.unanswered(this.questions, this.choices);
      this.index = missing.length ? missing[0] - 1 : 0;
      this.setData({loading: false, practice, offline, total: this.questions.length});
      wx.setNavigationBarTitle({title: practice ? '知识练习' : '竞赛答题'});
      this.render();
      this.listenNetwork();
      if (attempt.deadline) this.startClock(attempt.deadline, offsetMs);
      if (!practice) this.startFairPlay(attempt);
      if (!practice && wx.enableAlertBeforeUnload) {
        wx.enableAlertBeforeUnload({message: '还没有交卷。离开后计时不会暂停，已选的答案会保留，确定离开吗？'});
      }
      return this.answers.run();
    },

    render() {
      const question = this.questions[this.index];
      const choices = this.choices[question.id];
      const sheet = paper.sheet(this.questions, this.choices, this.index);
      this.setData({
        index: this.index,
        last: this.index === this.questions.length - 1,
        progress: paper.progress(this.index, this.questions.length),
        question: {stem: question.stem, type: question.type},
        typeLabel: paper.typeLabel(question.type),
        options: paper.options(question, choices),
        sheet,
        answeredCount: sheet.filter((cell) => cell.answered).length,
        pending: this.queue.size(),
      });
    },

    choose(event) {
      const question = this.questions[this.index];
      if (this.data.timeUp || this.data.submitting || question.id === null) return;
      const choices = paper.toggle(question.type, this.choices[question.id], event.currentTarget.dataset.letter);
      this.choices[question.id] = choices;
      store.remember(this.attempt.id, this.choices);
      this.queue.put(question.id, choices);
      this.render();
      this.answers.run();
    },

    /** Send queued answers; 'retry' keeps the retrier going while the network is down. */
    async flushAnswers() {
      const outcome = await this.queue.flush((entry) =>
        quizzes.saveAnswer(this.attempt.id, entry.question_id, entry.choices),
      );
      if (this.finished) return 'done';
      this.setData({pending: this.queue.size(), offline: outcome.sent ? false : this.data.offline});
      if (outcome.status === 'finished') {
        this.finish(this.attempt);
        return 'done';
      }
      if (outcome.dropped.length) {
        wx.showToast({title: `${outcome.dropped.length} 题的答案未能保存，请重新选择`, icon: 'none'});
      }
      return outcome.status;
    },

    prev() {
      if (this.index > 0) this.go(this.index - 1);
    },

    next() {
      if (this.index < this.questions.length - 1) this.go(this.index + 1);
    },

    jump(event) {
      this.setData({sheetOpen: false});
      this.go(Number(event.currentTarget.dataset.index));
    },

    go(index) {
      this.index = index;
      this.render();
    },

    toggleSheet() {
      this.setData({sheetOpen: !this.data.sheetOpen});
    },

    /** Keeps a tap inside the answer sheet from closing it. */
    keep() {},

    confirmSubmit() {
      if (this.data.submitting) return;
      const missing = paper.unanswered(this.questions, this.choices);
      wx.showModal({
        title: '确认交卷',
        content: paper.confirmText(missing),
        confirmText: '交卷',
        cancelText: '再看看',
        success: (res) => {
          if (res.confirm) this.submit('正在交卷…');
        },
      });
    },

    submit(note) {
      this.setData({submitting: true, submitNote: note, sheetOpen: false});
      return this.submitter.run();
    },

    /** Submit every answer the member has; the server grades once, so resending is safe. */
    async sendSubmit() {
      try {
        await quizzes.submitAttempt(this.attempt.id, paper.submitAnswers(this.questions, this.choices), {
          silent: true,
          retries: 0,
        });
      } catch (error) {
        if (this.finished) return 'done';
        if (retrier.retryable(error)) {
          this.setData({submitNote: '网络不给力，正在重试交卷，请不要离开…'});
          return 'retry';
        }
        wx.showToast({title: error.message, icon: 'none'});
        this.setData({submitting: false});
        return 'done';
      }
      this.finish(this.attempt);
      return 'done';
    },

    startClock(deadline, offsetMs) {
      this.setData({timed: true});
      this.timer = countdown.start({
        deadline,
        serverNow: new Date(Date.now() + offsetMs).toISOString(),
        onTick: (ms) => this.setData({clock: time.clock(ms), warn: ms <= WARN_MS}),
        onEnd: () => this.timeUp(),
      });
    },

    /** At the deadline: submit what the member has, without asking. */
    timeUp() {
      if (this.finished) return;
      this.setData({timeUp: true});
      this.submit('时间到，正在交卷…');
    },

    startFairPlay(attempt) {
      this.fair = fairPlay.open(attempt.id, attempt.leave_count || 0);
      this.leaves = retrier.create(() => this.flushLeaves());
      this.onAppHide = () => this.fair.hide(Date.now());
      this.onAppShow = () => this.returned(this.fair.show(Date.now()));
      wx.onAppHide(this.onAppHide);
      wx.onAppShow(this.onAppShow);
      if (this.fair.count()) this.setData({leaveNote: fairPlay.notice(this.fair.count(), attempt.max_leaves)});
      // A leave during which the app was killed ends now, on reopening the paper.
      this.returned(this.fair.recover(Date.now()));
    },

    returned(leave) {
      if (this.finished) return;
      if (leave) {
        const note = fairPlay.notice(this.fair.count(), this.attempt.max_leaves);
        this.setData({leaveNote: note});
        wx.showModal({title: '请专心答题', content: `答题期间请不要离开小程序。${note}。`, showCancel: false, confirmText: '知道了'});
      }
      if (this.fair.unsent().length) this.leaves.run();
    },

    /** Report leaves in order; the answer says when the paper was submitted because of them. */
    async flushLeaves() {
      for (const leave of this.fair.unsent()) {
        let answer;
        try {
          answer = await quizzes.reportLeave(this.attempt.id, leave.seq, leave.duration_ms, {retries: 0});
        } catch (error) {
          if (error.statusCode === 400 || error.statusCode === 404 || error.statusCode === 409 || error.statusCode === 422) {
            this.fair.acknowledge(leave.seq);
            continue;
          }
          return 'retry';
        }
        if (this.finished) return 'done';
        this.fair.acknowledge(leave.seq);
        if (answer.finished) {
          this.finish(this.attempt);
          return 'done';
        }
      }
      return 'done';
    },

    listenNetwork() {
      this.onNetwork = (res) => {
        this.setData({offline: !res.isConnected});
        if (!res.isConnected) return;
        [this.answers, this.leaves, this.submitter].forEach((runner) => runner && runner.kick());
      };
      wx.onNetworkStatusChange(this.onNetwork);
    },

    /** The paper is over (submitted here, by the deadline, by leaving, or elsewhere): show the result. */
    finish(attempt) {
      if (this.finished) return;
      this.finished = true;
      discard(attempt.id, attempt.competition_id);
      this.teardown();
      wx.redirectTo({url: `/packages/quiz/result/index?attempt=${attempt.id}`});
    },

    teardown() {
      if (this.timer) this.timer.stop();
      [this.answers, this.leaves, this.submitter].forEach((runner) => runner && runner.stop());
      if (this.onAppHide) wx.offAppHide(this.onAppHide);
      if (this.onAppShow) wx.offAppShow(this.onAppShow);
      if (this.onNetwork && wx.offNetworkStatusChange) wx.offNetworkStatusChange(this.onNetwork);
      if (wx.disableAlertBeforeUnload && this.attempt && !this.data.practice) wx.disableAlertBeforeUnload();
      this.onAppHide = this.onAppShow = this.onNetwork = null;
    },

    back() {
      wx.navigateBack({fail: () => wx.switchTab({url: '/pages/contests/index'})});
    },
  },
});
