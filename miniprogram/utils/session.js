// The member's session on this phone: the API token and the member it belongs to.

const TOKEN_KEY = 'session.token';
const MEMBER_KEY = 'session.member';

/** The stored member token, or '' when logged out. */
function token() {
  return wx.getStorageSync(TOKEN_KEY) || '';
}

/** The member as the server last described them, or null. */
function member() {
  return wx.getStorageSync(MEMBER_KEY) || null;
}

/** Keep a new token and member. */
function save(newToken, newMember) {
  wx.setStorageSync(TOKEN_KEY, newToken);
  if (newMember) wx.setStorageSync(MEMBER_KEY, newMember);
}

/** Remember the member's latest profile (after GET or PATCH /me). */
function saveMember(newMember) {
  wx.setStorageSync(MEMBER_KEY, newMember);
}

/** Forget the token and member (log out, or a token the server refused). */
function clear() {
  wx.removeStorageSync(TOKEN_KEY);
  wx.removeStorageSync(MEMBER_KEY);
}

module.exports = {token, member, save, saveMember, clear};
