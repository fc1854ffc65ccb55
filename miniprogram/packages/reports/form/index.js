// The report form: category (with guidance and referrals), association and district, title,
// text, photos, anonymous or named. Anonymous by default; then nothing this page sends carries a
// token and it never logs in. The draft lives in this page's memory only, never in storage
// (someone else may hold the phone), and the receipt goes to the receipt page in memory.

const reports = require('../../../services/reports');
const directory = require('../../../services/directory');
const {newKey} = require('../../../utils/request');
const categories = require('../../../utils/report-categories');
const errorsOf = require('../utils/report-errors');
const form = require('../utils/report-form');
const receipts = require('../utils/receipt');
const photosOf = require('../utils/report-photos');

// Server field names → this form's.
const FIELDS = {reporter_name: 'name', reporter_phone: 'phone', association_id: 'association', upload_ids: 'photos'};

const EMPTY_DRAFT = {
  topCode: '',
  children: [],
  category: '',
  categoryName: '',
  guidance: '',
  referral: null,
  referralSeen: false,
  // Set once the first category is chosen (and its referral read); the rest of the form then
  // stays, so choosing another category later keeps what was filled in, photos included.
  started: false,
  association: null,
  associationId: null,
  associationName: '',
  district: '',
  districtName: '',
  title: '',
  body: '',
  anonymous: true,
  name: '',
  phone: '',
  photos: {count: 0, busy: false, failed: false, uploadIds: []},
  mobileHint: false,
  errors: {},
};

Component({
  data: Object.assign(
    {
      loading: true,
      loadError: '',
      limits: null,
      maxBytesText: '',
      tops: [],
      districts: [],
      submitting: false,
      // A submission whose answer never came: it may have been filed, so the draft is frozen
      // and only resent with the same Idempotency-Key.
      uncertain: false,
      failure: '',
      why: '',
      filed: false,
    },
    EMPTY_DRAFT,
  ),

  methods: {
    onLoad(query) {
      this.noticeVersion = query.notice ? decodeURIComponent(query.notice) : '';
      if (!this.noticeVersion) return this.backToNotice();
      return this.load();
    },

    backToNotice() {
      wx.redirectTo({url: '/packages/reports/notice/index'});
      return Promise.resolve();
    },

    load() {
      this.setData({loading: true, loadError: ''});
      return Promise.all([
        reports.getNotice({silent: true}),
        reports.listCategories({silent: true}),
        directory.listDistricts({silent: true}),
      ])
        .then(([notice, tree, districts]) => {
          if (notice.version !== this.noticeVersion) {
            wx.showModal({title: '须知已更新', content: '反映须知有了新内容，请重新阅读后再填写。', showCancel: false});
            return this.backToNotice();
          }
          this.tree = tree;
          this.setData({
            loading: false,
            limits: notice.limits,
            maxBytesText: photosOf.megabytes(notice.limits.max_image_bytes),
            tops: categories.overview(tree),
            districts,
          });
          return undefined;
        })
        .catch((error) => this.setData({loading: false, loadError: error.message}));
    },

    locked() {
      return this.data.submitting || this.data.uncertain;
    },

    pickTop(event) {
      if (this.locked()) return;
      const top = categories.top(this.tree, event.currentTarget.dataset.code);
      if (categories.isGroup(top)) {
        this.setData({topCode: top.code, children: top.children, category: '', guidance: top.guidance, referral: null, referralSeen: false});
      } else {
        this.setData({topCode: top.code, children: []});
        this.selectCategory(top.code);
      }
    },

    pickChild(event) {
      if (!this.locked()) this.selectCategory(event.currentTarget.dataset.code);
    },

    selectCategory(code) {
      const {guidance, referral} = categories.advice(this.tree, code);
      this.setData({
        category: code,
        categoryName: categories.displayName(this.tree, code),
        guidance,
        referral: categories.referralText(referral),
        referralSeen: !referral,
        started: this.data.started || !referral,
        'errors.category': '',
      });
    },

    changeCategory() {
      if (!this.locked()) this.setData({category: '', referral: null, referralSeen: false});
    },

    seeReferral() {
      this.setData({referralSeen: true, started: true, 'errors.category': ''});
    },

    /** The association picker's choice; the report's district follows the association's. */
    onAssociation(event) {
      const {association} = event.detail;
      const district = this.data.districts.find((item) => item.code === association.district);
      this.setData({
        association,
        associationId: association.id,
        associationName: association.name,
        district: association.district,
        districtName: association.district_name || (district ? district.name : ''),
        'errors.association': '',
        'errors.district': '',
      });
    },

    onDistrict(event) {
      const district = this.data.districts[Number(event.detail.value)];
      if (!district) return;
      const changes = {district: district.code, districtName: district.name, 'errors.district': ''};
      if (this.data.association && this.data.association.district !== district.code) {
        Object.assign(changes, {association: null, associationId: null, associationName: '', 'errors.association': '所选协会不在该区县，请重新选择协会'});
      }
      this.setData(changes);
    },

    onTitle(event) {
      this.setText('title', event.detail.value);
    },

    onBody(event) {
      this.setText('body', event.detail.value);
    },

    setText(field, value) {
      const draft = Object.assign({}, this.data, {[field]: value});
      this.setData({[field]: value, [`errors.${field}`]: '', mobileHint: form.mentionsMobile(`${draft.title} ${draft.body}`)});
    },

    chooseMode(event) {
      if (!this.locked()) this.setData({anonymous: event.currentTarget.dataset.mode === 'anonymous'});
    },

    onName(event) {
      this.setData({name: event.detail.value, 'errors.name': ''});
    },

    onPhone(event) {
      this.setData({phone: event.detail.value, 'errors.phone': ''});
    },

    onPhotos(event) {
      this.setData({photos: event.detail, 'errors.photos': ''});
    },

    /** File the report; a retry (after a lost answer) sends the same Idempotency-Key. */
    async submit() {
      if (this.data.submitting) return;
      const errors = form.validate(this.data, this.data.limits);
      const first = Object.keys(errors)[0];
      if (first) {
        this.setData({errors});
        wx.showToast({title: errors[first], icon: 'none'});
        return;
      }
      this.setData({submitting: true, failure: '', why: ''});
      try {
        this.key = this.key || (await newKey());
      } catch (error) {
        this.setData({submitting: false, failure: error.message});
        return;
      }
      try {
        const body = form.payload(this.data, this.noticeVersion, this.data.photos.uploadIds);
        this.handOver(await reports.submitReport(body, this.key, {silent: true}));
      } catch (error) {
        this.setData({submitting: false});
        this.explainFailure(error);
      }
    },

    explainFailure(error) {
      const {message, why} = errorsOf.explain(error);
      if (error.network || error.reason === 'submission_in_progress') {
        this.setData({uncertain: true, failure: '没有收到提交结果，问题反映可能已经提交。请在网络恢复后点“重新提交”，不会重复提交；在此之前内容不能修改。', why: ''});
        return;
      }
      const errors = {};
      Object.keys(error.errors || {}).forEach((field) => {
        const messages = error.errors[field];
        errors[FIELDS[field] || field] = Array.isArray(messages) ? messages[0] : String(messages);
      });
      this.setData({uncertain: false, failure: message, why, errors});
      if (['upload_expired', 'upload_not_found'].includes(error.reason)) {
        this.selectComponent('#photos').uploadAgain();
      }
      if (error.reason === 'notice_outdated') this.rereadNotice();
    },

    /** The notice changed while the form was open: read the new one here, keeping the draft. */
    rereadNotice() {
      return reports.getNotice({silent: true}).then((notice) => {
        wx.showModal({
          title: `${notice.title}（已更新）`,
          content: notice.paragraphs.join('\n'),
          confirmText: '已阅读',
          showCancel: false,
          success: () => {
            this.noticeVersion = notice.version;
            this.setData({limits: notice.limits, failure: '须知已更新，您已重新阅读，请再次点提交。', errors: {}});
          },
        });
      }, () => {});
    },

    /** Show the receipt once, on its own page, handing it over in memory; forget the draft. */
    handOver(answer) {
      this.key = null;
      this.setData(Object.assign({}, EMPTY_DRAFT, {submitting: false, uncertain: false, failure: '', filed: true}));
      wx.navigateTo({
        url: '/packages/reports/receipt/index',
        success: (res) => res.eventChannel.emit('receipt', answer),
        // The report is filed either way: the receipt must still be shown, this once.
        fail: () =>
          wx.showModal({
            title: '请保存您的回执码',
            content: `${receipts.format(answer.receipt)}\n回执码只显示这一次，遗失后无法找回。`,
            showCancel: false,
          }),
      });
    },

    goHome() {
      wx.switchTab({url: '/pages/report/index'});
    },
  },
});
