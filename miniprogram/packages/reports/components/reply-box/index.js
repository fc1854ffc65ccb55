// Writing to staff: text and photos. Emits `submit` with {body, uploadIds} once the text is long
// enough and every photo is uploaded; the page sends it and calls reset() when it went through.

const form = require('../../utils/report-form');

const BODY_MIN = 2;

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    busy: {type: Boolean, value: false},
    maxImages: {type: Number, value: 9},
    maxBytes: {type: Number, value: 10 * 1024 * 1024},
    bodyMax: {type: Number, value: 2000},
  },

  data: {body: '', photos: {count: 0, busy: false, failed: false, uploadIds: []}, error: ''},

  methods: {
    onBody(event) {
      this.setData({body: event.detail.value, error: ''});
    },

    onPhotos(event) {
      this.setData({photos: event.detail, error: ''});
    },

    submit() {
      const {body, photos, bodyMax} = this.data;
      const count = form.length(body);
      let error = '';
      if (count < BODY_MIN) error = `留言至少写 ${BODY_MIN} 个字`;
      else if (count > bodyMax) error = `留言最多 ${bodyMax} 个字`;
      else if (photos.busy) error = '还有图片正在上传，请稍候';
      else if (photos.failed) error = '有图片上传失败，请重试或删除';
      this.setData({error});
      if (error || this.data.busy) return;
      this.triggerEvent('submit', {body: body.trim(), uploadIds: photos.uploadIds});
    },

    /** Clear the text and photos after the message was sent. */
    reset() {
      this.setData({body: '', error: ''});
      this.selectComponent('#reply-photos').reset();
    },

    /** The server no longer knows the photos (their hour passed): upload them again. */
    uploadAgain() {
      return this.selectComponent('#reply-photos').uploadAgain();
    },
  },
});
