// Photos for a report or a reply: wx.chooseMedia (images, compressed), then POST /uploads one by
// one with no token. Each photo shows its own state; a failed one can be retried or removed.
// Emits `change` with {count, busy, failed, uploadIds}.

const reports = require('../../../../services/reports');
const photos = require('../../utils/report-photos');

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    max: {type: Number, value: 9},
    maxBytes: {type: Number, value: 10 * 1024 * 1024},
    disabled: {type: Boolean, value: false},
  },

  data: {list: [], error: ''},

  lifetimes: {
    detached() {
      this.gone = true;
    },
  },

  methods: {
    /** Let the member pick photos (camera or album) up to the limit, then upload them. */
    choose() {
      const room = this.data.max - this.data.list.length;
      if (this.data.disabled || room <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        wx.chooseMedia({
          count: room,
          mediaType: ['image'],
          sizeType: ['compressed'],
          sourceType: ['album', 'camera'],
          success: (res) => resolve(this.addFiles(res.tempFiles)),
          // Cancelling the picker is not an error.
          fail: () => resolve(),
        });
      });
    },

    addFiles(tempFiles) {
      const {list, tooLarge, overLimit} = photos.add(this.data.list, tempFiles, {
        max: this.data.max,
        maxBytes: this.data.maxBytes,
      });
      if (tooLarge) wx.showToast({title: `有 ${tooLarge} 张图片超过 ${photos.megabytes(this.data.maxBytes)}，未添加`, icon: 'none'});
      else if (overLimit) wx.showToast({title: `最多 ${this.data.max} 张图片，多出的 ${overLimit} 张未添加`, icon: 'none'});
      this.show(list);
      return this.pump();
    },

    /** Upload waiting photos one at a time; resolves when none is left waiting. */
    pump() {
      if (!this.running) {
        this.running = this.uploadRest().finally(() => {
          this.running = null;
        });
      }
      return this.running;
    },

    async uploadRest() {
      for (let photo = photos.next(this.data.list); photo && !this.gone; photo = photos.next(this.data.list)) {
        this.show(photos.update(this.data.list, photo.key, {state: 'uploading'}));
        try {
          const answer = await reports.uploadImage(photo.path, {silent: true});
          this.show(photos.update(this.data.list, photo.key, {state: 'done', uploadId: answer.upload_id}));
        } catch (error) {
          this.show(photos.update(this.data.list, photo.key, {state: 'failed', error: error.message}), error.message);
        }
      }
    },

    retry(event) {
      const {key} = event.currentTarget.dataset;
      const photo = this.data.list.find((item) => item.key === key);
      if (!photo || photo.state !== 'failed') return Promise.resolve();
      this.show(photos.update(this.data.list, key, {state: 'waiting', error: ''}), '');
      return this.pump();
    },

    remove(event) {
      this.show(photos.remove(this.data.list, event.currentTarget.dataset.key));
    },

    preview(event) {
      const urls = this.data.list.map((photo) => photo.path);
      wx.previewImage({urls, current: event.currentTarget.dataset.path});
    },

    /** Upload every photo again (the server said the earlier uploads expired). */
    uploadAgain() {
      this.show(photos.requeue(this.data.list, {all: true}), '');
      return this.pump();
    },

    /** Forget every photo (after the reply that carried them was sent). */
    reset() {
      this.show([], '');
    },

    show(list, error) {
      const changes = {list};
      if (error !== undefined) changes.error = error;
      this.setData(changes);
      this.triggerEvent('change', photos.summary(list));
    },
  },
});
