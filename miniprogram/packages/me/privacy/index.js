// 隐私说明: what the server keeps about me (GET /me/data) and, in plain words, what it does not.
// Every sentence here must stay true to backend/app/members, sites and reports and to
// docs/threat-model.md; change them together.

const me = require('../../../services/me');
const session = require('../../../utils/session');
const time = require('../../../utils/time');

Component({
  data: {
    loggedIn: false,
    loading: false,
    error: '',
    member: null,
    since: '',
    counts: null,
  },

  methods: {
    onLoad() {
      return this.load();
    },

    /** Logged out, there is nothing to show of the server's records, and no reason to log in. */
    load() {
      if (!session.token()) {
        this.setData({loggedIn: false});
        return Promise.resolve();
      }
      this.setData({loggedIn: true, loading: true, error: ''});
      return me
        .getMyData({silent: true})
        .then(({member, counts}) => {
          this.setData({loading: false, member, counts, since: time.date(member.created_at)});
        })
        .catch((error) => this.setData({loading: false, error: error.message}));
    },

    openContract() {
      wx.openPrivacyContract({});
    },
  },
});
