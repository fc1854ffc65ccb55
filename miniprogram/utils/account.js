// The member's account on this phone: which local keys logging out forgets, and what the
// subscribe-message consent answered.

const AVATAR_KEY = 'me.avatar';
const QUIZ_PREFIX = 'quiz.';

/** Keys (besides the session's own) that logging out removes: the avatar and every quiz queue. */
function keysToForget(keys) {
  return [AVATAR_KEY].concat(keys.filter((key) => key.startsWith(QUIZ_PREFIX)));
}

/** The template ids wx.requestSubscribeMessage's result says the member accepted. */
function acceptedTemplates(result, tmplIds) {
  return tmplIds.filter((id) => result && result[id] === 'accept');
}

/** Notifications of report progress still allowed, over every offered template. */
function reportCredits(subscriptions) {
  return subscriptions
    .filter((item) => item.kind === 'report_status')
    .reduce((sum, item) => sum + (item.credits || 0), 0);
}

/** Subscriptions with the credits the server confirmed after new consents. */
function withCredits(subscriptions, confirmed) {
  const credits = {};
  confirmed.forEach((item) => {
    credits[item.template_id] = item.credits;
  });
  return subscriptions.map((item) =>
    item.template_id in credits ? Object.assign({}, item, {credits: credits[item.template_id]}) : item,
  );
}

module.exports = {AVATAR_KEY, keysToForget, acceptedTemplates, reportCredits, withCredits};
