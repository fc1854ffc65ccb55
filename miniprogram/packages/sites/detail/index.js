// Site detail: photos, what kind of site it is, address (navigate), phone (call), opening hours and
// whether it is open now, the description, the host association, check-ins, and 扫码打卡.

const sites = require('../../../services/sites');
const geo = require('../../../utils/geo');
const hours = require('../../../utils/hours');
const location = require('../../../utils/location');
const scene = require('../../../utils/scene');
const serverClock = require('../../../utils/server-clock');

Component({
  data: {
    loading: true,
    error: '',
    missing: false,
    site: null,
    photos: [],
    hours: null,
    open: null,
    distance: '',
  },

  methods: {
    onLoad(query) {
      this.siteId = Number(query.id);
      return this.load();
    },

    onShow() {
      // Back from the check-in page: "checked in today" and the count may have changed.
      if (this.shown) return this.load();
      this.shown = true;
      return undefined;
    },

    async load() {
      if (!Number.isInteger(this.siteId) || this.siteId <= 0) {
        this.setData({loading: false, missing: true, error: '没有找到这处阵地'});
        return;
      }
      // A position the map found a moment ago gives the distance without asking again.
      const here = location.recent();
      try {
        const site = await sites.getSite(this.siteId, here ? {lat: here.lat, lng: here.lng} : undefined, {silent: true});
        this.setData({
          loading: false,
          error: '',
          site,
          photos: (site.photos || []).map((photo) => ({id: photo.id, url: sites.photoUrl(photo.url)})),
          hours: hours.summary(site.hours, serverClock.now()),
          open: hours.openState(site.open_now),
          distance: geo.distanceText(site.distance_m),
        });
        wx.setNavigationBarTitle({title: site.name});
      } catch (error) {
        // A refresh that fails keeps what is on screen.
        if (!this.data.site) this.setData({loading: false, error: error.message, missing: error.statusCode === 404});
      }
    },

    retry() {
      this.setData({loading: true, error: ''});
      return this.load();
    },

    preview(event) {
      const urls = this.data.photos.map((photo) => photo.url);
      wx.previewImage({urls, current: urls[event.currentTarget.dataset.index] || urls[0]});
    },

    navigate() {
      const {site} = this.data;
      wx.openLocation({latitude: site.lat, longitude: site.lng, name: site.name, address: site.address, scale: 16});
    },

    call() {
      wx.makePhoneCall({phoneNumber: this.data.site.phone});
    },

    scan() {
      return scene.scanAndOpen();
    },

    goCheckins() {
      wx.navigateTo({url: '/packages/me/checkins/index'});
    },

    goMap() {
      wx.switchTab({url: '/pages/map/index'});
    },

    onShareAppMessage() {
      const {site} = this.data;
      return {title: site ? site.name : '清廉文化阵地', path: `/packages/sites/detail/index?id=${this.siteId}`};
    },
  },
});
