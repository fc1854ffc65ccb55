// Rating a resolved report: 满意 / 基本满意 / 不满意; 不满意 needs a reason and, the first time,
// sends the report back for a re-check. Emits `submit` with {rating, reason}.

const status = require('../../utils/report-status');

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    busy: {type: Boolean, value: false},
    // Already reopened once: this rating is final, 不满意 included.
    reopened: {type: Boolean, value: false},
  },

  data: {
    ratings: status.RATINGS,
    reasonMax: status.REASON_MAX,
    rating: '',
    reason: '',
    error: '',
  },

  methods: {
    choose(event) {
      this.setData({rating: event.currentTarget.dataset.value, error: ''});
    },

    onReason(event) {
      this.setData({reason: event.detail.value, error: ''});
    },

    submit() {
      const {rating, reason} = this.data;
      const error = status.checkRating(rating, reason);
      this.setData({error});
      if (error || this.data.busy) return;
      this.triggerEvent('submit', {rating, reason: reason.trim()});
    },
  },
});
