// Check-in: opened by WeChat from a site's printed code (options.scene, URL-encoded) or after an
// in-app scan. Shows the site, then checks in, with the location when the site requires it (or
// when the member has already allowed it), and explains any refusal in plain words.

const sites = require('../../../services/sites');
const checkin = require('../utils/checkin');
const location = require('../../../utils/location');
const scene = require('../../../utils/scene');
const time = require('../../../utils/time');

const ALREADY = {reason: 'already_checked_in', message: '您今天已在这里打过卡，明天再来吧'};

Component({
  data: {
    state: 'loading', // loading | invalid | checking | done | refused
    site: null,
    result: null,
    refusal: null,
  },

  methods: {
    onLoad(options) {
      this.code = scene.parse(options && options.scene);
      if (!this.code) {
        this.setData({state: 'invalid'});
        return undefined;
      }
      return this.start();
    },

    /** Show the site, then check in unless I already did today. */
    async start() {
      this.setData({state: 'loading', refusal: null});
      try {
        const site = await sites.getSite(this.code.siteId, undefined, {silent: true});
        this.setData({site});
      } catch (error) {
        this.setData({state: 'refused', refusal: checkin.explain(error)});
        return;
      }
      if (this.data.site.checked_in_today) {
        this.setData({state: 'refused', refusal: checkin.explain(ALREADY)});
        return;
      }
      await this.checkIn();
    },

    async checkIn() {
      if (this.busy) return;
      this.busy = true;
      this.setData({state: 'checking', refusal: null});
      try {
        const position = await this.position();
        const body = {scene: this.code.scene};
        if (position) Object.assign(body, {lat: position.lat, lng: position.lng});
        const done = await sites.checkIn(this.code.siteId, body);
        const at = time.beijing(done.created_at);
        const clock = at ? ` ${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}` : '';
        this.setData({state: 'done', result: {when: `${time.date(done.day)}${clock}`, siteName: done.site.name}});
      } catch (failure) {
        const refusal = failure.kind ? checkin.explainLocation(failure.kind) : checkin.explain(failure);
        this.setData({state: 'refused', refusal});
      } finally {
        this.busy = false;
      }
    },

    /**
     * Where I am: required by some sites (a refusal rejects with {kind}); otherwise only when
     * location is already allowed, so a site that does not need it never prompts.
     */
    async position() {
      const {site} = this.data;
      if (site.location_required) return location.locate({highAccuracy: true});
      if ((await location.allowed()) !== true) return null;
      return location.locate({highAccuracy: true}).catch(() => null);
    },

    async onAction(event) {
      const {site} = this.data;
      switch (event.currentTarget.dataset.action) {
        case 'retry':
          return site ? this.checkIn() : this.start();
        case 'settings':
          return (await location.openSettings()) ? this.checkIn() : undefined;
        case 'rescan':
          return scene.scanAndOpen({replace: true});
        case 'navigate':
          return wx.openLocation({latitude: site.lat, longitude: site.lng, name: site.name, address: site.address, scale: 16});
        case 'checkins':
          return this.goCheckins();
        case 'map':
          return wx.switchTab({url: '/pages/map/index'});
        default:
          return undefined;
      }
    },

    rescan() {
      return scene.scanAndOpen({replace: true});
    },

    goCheckins() {
      return wx.navigateTo({url: '/packages/me/checkins/index'});
    },

    goSite() {
      return wx.navigateTo({url: `/packages/sites/detail/index?id=${this.code.siteId}`});
    },
  },
});
