// 地图: every culture site on the map (native clusters), filters by type and district, a card for
// the tapped site, and a list: nearest first when the member allows location, else by district.

const directory = require('../../services/directory');
const sites = require('../../services/sites');
const geo = require('../../utils/geo');
const hours = require('../../utils/hours');
const location = require('../../utils/location');
const markers = require('../../utils/markers');
const scene = require('../../utils/scene');

// Taizhou's city centre (椒江), zoomed out far enough to show all nine districts.
const TAIZHOU = {latitude: 28.656, longitude: 121.421};
const CITY_SCALE = 9;
const NEAR_SCALE = 14;
const PAGE_SIZE = 20;

/** A list row for a site from GET /sites. */
function listItem(site) {
  return {
    id: site.id,
    name: site.name,
    typeLabel: site.type_label,
    districtName: site.district_name,
    address: site.address,
    distance: geo.distanceText(site.distance_m),
    open: hours.openState(site.open_now),
  };
}

Component({
  data: {
    view: 'map',
    type: '',
    district: '',
    districtIndex: 0,
    districtOptions: [{code: '', name: '全部区县'}],
    typeOptions: [],
    shownCount: 0,
    markersLoaded: false,
    markersError: '',
    center: TAIZHOU,
    scale: CITY_SCALE,
    location: null,
    locationNote: null,
    nearest: false,
    card: null,
    list: {items: [], total: 0, page: 0, loading: false, done: false, error: ''},
  },

  lifetimes: {
    created() {
      // The map's context works once the page has rendered (a page's ready comes after onLoad).
      this.rendered = new Promise((resolve) => {
        this.markRendered = resolve;
      });
    },
    ready() {
      this.markRendered();
    },
  },

  methods: {
    onLoad() {
      this.rows = [];
      this.types = [];
      this.labels = {};
      this.map = null;
      this.listVersion = 0;
      // The list waits for the location answer (nearest first or not); the map does not.
      this.located = this.locate();
      return Promise.all([this.loadDistricts(), this.loadMarkers(), this.located]);
    },

    onReachBottom() {
      if (this.data.view === 'list') return this.loadList(false);
      return undefined;
    },

    onShareAppMessage() {
      return {title: '清廉文化阵地地图', path: '/pages/map/index'};
    },

    async loadDistricts() {
      try {
        const districts = await directory.listDistricts();
        this.setData({districtOptions: [{code: '', name: '全部区县'}].concat(districts)});
      } catch (error) {
        // The filter stays at 全部区县; the map itself does not depend on it.
      }
    },

    async loadMarkers() {
      const {district} = this.data;
      try {
        const body = await sites.getMarkers({district});
        // A quicker answer for a district chosen since then has already been shown.
        if (district !== this.data.district) return;
        this.rows = markers.rows(body);
        this.types = body.types || [];
        this.labels = Object.assign({}, this.labels, markers.typeLabels(body));
        this.setData({markersLoaded: true, markersError: ''});
        await this.showMarkers();
      } catch (error) {
        if (district === this.data.district) this.setData({markersError: error.message});
      }
    },

    /** Put the chosen type's markers on the map, in slices, joining the native clusters. */
    async showMarkers() {
      const shown = markers.mapMarkers(this.rows, this.data.type);
      this.setData({
        shownCount: shown.length,
        typeOptions: markers.typeOptions(this.types, this.rows, this.labels, this.data.type),
      });
      await this.rendered;
      const map = this.mapContext();
      // The first slice clears what the last filter showed (an empty one just clears).
      const slices = shown.length ? markers.chunks(shown) : [[]];
      slices.forEach((slice, index) => map.addMarkers({markers: slice, clear: index === 0}));
    },

    mapContext() {
      if (!this.map) {
        this.map = wx.createMapContext('site-map', this);
        this.map.initMarkerCluster({enableDefaultStyle: true, zoomOnClick: true, gridSize: 60});
      }
      return this.map;
    },

    async locate() {
      try {
        const here = await location.locate();
        this.setData({location: here, locationNote: null});
      } catch (failure) {
        this.setData({location: null, locationNote: location.note(failure.kind)});
      }
    },

    /** The note's button: WeChat's settings when the member said no before, else ask again. */
    async allowLocation() {
      const {locationNote} = this.data;
      if (locationNote && locationNote.action === 'settings' && !(await location.openSettings())) return;
      this.located = this.locate();
      await this.located;
      if (this.data.location && this.data.view === 'list') await this.loadList(true);
    },

    centerOnMe() {
      const {location: here} = this.data;
      if (here) this.setData({center: {latitude: here.lat, longitude: here.lng}, scale: NEAR_SCALE});
    },

    switchView(event) {
      const view = event.currentTarget.dataset.view;
      if (view === this.data.view) return undefined;
      // The map stays mounted (hidden) under the list, with its markers and clusters.
      this.setData({view, card: null});
      return view === 'list' && !this.data.list.page ? this.loadList(true) : undefined;
    },

    onTypeTap(event) {
      const type = event.currentTarget.dataset.value || '';
      if (type === this.data.type) return undefined;
      this.setData({type, card: null});
      return Promise.all([this.showMarkers(), this.filtersChanged()]);
    },

    onDistrictChange(event) {
      const districtIndex = Number(event.detail.value);
      const option = this.data.districtOptions[districtIndex] || this.data.districtOptions[0];
      this.setData({districtIndex, district: option.code, card: null});
      return Promise.all([this.loadMarkers(), this.filtersChanged()]);
    },

    /** The list shows the new filters now if it is in view, else when it is next opened. */
    filtersChanged() {
      if (this.data.view === 'list') return this.loadList(true);
      this.listVersion += 1;
      this.setData({list: {items: [], total: 0, page: 0, loading: false, done: false, error: ''}});
      return undefined;
    },

    async loadList(reset) {
      const {list, type, district} = this.data;
      if (!reset && (list.loading || list.done)) return;
      const version = reset ? (this.listVersion += 1) : this.listVersion;
      await this.located;
      const here = this.data.location;
      const page = reset ? 1 : list.page + 1;
      const query = {page, page_size: PAGE_SIZE, type, district};
      if (here) Object.assign(query, {lat: here.lat, lng: here.lng});
      this.setData({'list.loading': true, 'list.error': ''});
      try {
        const body = await sites.listSites(query);
        if (version !== this.listVersion) return;
        this.labels = markers.learnLabels(this.labels, body.items);
        const items = (reset ? [] : this.data.list.items).concat(body.items.map(listItem));
        this.setData({
          list: {items, total: body.total, page, loading: false, done: items.length >= body.total || !body.items.length, error: ''},
          nearest: Boolean(here),
          typeOptions: markers.typeOptions(this.types, this.rows, this.labels, this.data.type),
        });
      } catch (error) {
        if (version === this.listVersion) this.setData({'list.loading': false, 'list.error': error.message});
      }
    },

    retryList() {
      return this.loadList(!this.data.list.page);
    },

    async onMarkerTap(event) {
      const id = event.detail.markerId;
      const here = this.data.location;
      this.setData({card: {id, loading: true}});
      try {
        const site = await sites.getSite(id, here ? {lat: here.lat, lng: here.lng} : undefined, {auth: 'none', silent: true});
        if (!this.data.card || this.data.card.id !== id) return;
        this.labels = markers.learnLabels(this.labels, [site]);
        this.setData({card: Object.assign({loading: false}, listItem(site))});
      } catch (error) {
        if (this.data.card && this.data.card.id === id) this.setData({card: {id, loading: false, error: error.message}});
      }
    },

    closeCard() {
      if (this.data.card) this.setData({card: null});
    },

    openSite(event) {
      const id = event.currentTarget.dataset.id;
      wx.navigateTo({url: `/packages/sites/detail/index?id=${id}`});
    },

    scan() {
      return scene.scanAndOpen();
    },
  },
});
