// 个人资料: nickname (WeChat's nickname filler, checked by the server), an avatar kept only on
// this phone, and my association. The home page sends members without an association here.

const avatar = require('../../../utils/avatar');
const me = require('../../../services/me');
const session = require('../../../utils/session');

Component({
  data: {
    nickname: '',
    saved: '',
    nicknameError: '',
    savingNickname: false,
    avatar: '',
    associationId: null,
    associationName: '',
    associationError: '',
    loadError: '',
  },

  methods: {
    onLoad() {
      this.setData({avatar: avatar.current()});
      const cached = session.member();
      if (cached) this.showMember(cached);
      return me
        .getMe({silent: true})
        .then((member) => {
          session.saveMember(member);
          this.showMember(member);
        })
        .catch((error) => {
          if (!cached) this.setData({loadError: error.message});
        });
    },

    showMember(member) {
      this.member = member;
      const association = member.association || {};
      this.setData({
        nickname: member.nickname || '',
        saved: member.nickname || '',
        associationId: association.id || null,
        associationName: association.name || '',
        loadError: '',
      });
    },

    onNicknameInput(event) {
      this.setData({nickname: event.detail.value, nicknameError: ''});
    },

    // Choosing the WeChat nickname from the keyboard may fire no input event, only blur.
    onNicknameBlur(event) {
      this.setData({nickname: event.detail.value});
    },

    /** WeChat's own check of a typed nickname: a refused one is cleared by WeChat. */
    onNicknameReview(event) {
      const {pass, timeout} = event.detail;
      if (!pass && !timeout) {
        this.setData({nickname: '', nicknameError: '该昵称未通过微信安全检测，请换一个'});
      }
    },

    saveNickname() {
      const nickname = this.data.nickname.trim();
      if (!nickname) {
        this.setData({nicknameError: '请填写昵称'});
        return undefined;
      }
      if (nickname === this.data.saved || this.data.savingNickname) return undefined;
      this.setData({savingNickname: true, nicknameError: ''});
      return me
        .updateMe({nickname}, {silent: true})
        .then((member) => {
          session.saveMember(member);
          this.showMember(member);
          wx.showToast({title: '昵称已保存', icon: 'success'});
        })
        .catch((error) => this.setData({nicknameError: error.message}))
        .finally(() => this.setData({savingNickname: false}));
    },

    /** Keep the chosen picture on the phone only; nothing is sent anywhere. */
    onChooseAvatar(event) {
      const {avatarUrl} = event.detail;
      if (!avatarUrl) return undefined;
      return avatar
        .save(avatarUrl)
        .then((path) => {
          this.setData({avatar: path});
          wx.showToast({title: '头像已更换', icon: 'success'});
        })
        .catch(() => wx.showToast({title: '头像保存失败，请重试', icon: 'none'}));
    },

    onAssociation(event) {
      const {association} = event.detail;
      const before = {associationId: this.data.associationId, associationName: this.data.associationName};
      this.setData({associationId: association.id, associationName: association.name, associationError: ''});
      return me
        .updateMe({association_id: association.id}, {silent: true})
        .then((member) => {
          session.saveMember(member);
          this.showMember(member);
          wx.showToast({title: '所属协会已保存', icon: 'success'});
        })
        .catch((error) => this.setData(Object.assign({associationError: error.message}, before)));
    },

    reload() {
      return this.onLoad();
    },
  },
});
