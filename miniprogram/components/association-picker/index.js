// The association picker: a form cell showing the chosen association; tapping it opens a bottom
// sheet to filter by district and search by name, page by page. Used by 我的 and the report form:
//   <association-picker value="{{associationId}}" name="{{associationName}}" bind:change="onAssociation" />
// change's detail is {association: {id, name, district, district_name}}.

const directory = require('../../services/directory');
const paging = require('../../utils/paging');

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;
const ALL = {code: '', name: '全部'};

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    value: {type: null, value: null},
    label: {type: String, value: '所属协会'},
    placeholder: {type: String, value: '请选择'},
    name: {type: String, value: ''},
    required: {type: Boolean, value: false},
    disabled: {type: Boolean, value: false},
  },

  data: {
    display: '',
    visible: false,
    districts: [ALL],
    district: '',
    q: '',
    items: [],
    more: false,
    loading: false,
    loaded: false,
    error: '',
  },

  observers: {
    'value, name'() {
      this.showValue();
    },
  },

  lifetimes: {
    created() {
      this.names = {};
      this.tickets = paging.tickets();
      this.list = paging.empty();
    },
    attached() {
      this.showValue();
    },
    detached() {
      clearTimeout(this.debounce);
    },
  },

  methods: {
    /** Show the name of the association `value` names: known, given, or asked of the server. */
    showValue() {
      const {value, name} = this.data;
      if (!value) {
        this.setData({display: ''});
        return;
      }
      const known = this.names[value] || name;
      if (known) {
        this.names[value] = known;
        this.setData({display: known});
        return;
      }
      directory
        .getAssociation(value, {silent: true})
        .then((association) => {
          this.names[association.id] = association.name;
          if (this.data.value === value) this.setData({display: association.name});
        })
        .catch(() => {});
    },

    open() {
      if (this.data.disabled) return;
      this.setData({visible: true});
      this.loadDistricts();
      if (this.opened) return;
      this.opened = true;
      this.reload();
    },

    close() {
      this.setData({visible: false});
    },

    onVisibleChange(event) {
      if (!event.detail.visible) this.close();
    },

    /** The district filter, once; on failure searching by name still works and a retry tries again. */
    loadDistricts() {
      if (this.data.districts.length > 1 || this.loadingDistricts) return;
      this.loadingDistricts = true;
      directory
        .listDistricts({silent: true})
        .then((districts) => this.setData({districts: [ALL].concat(districts)}))
        .catch(() => {})
        .finally(() => {
          this.loadingDistricts = false;
        });
    },

    pickDistrict(event) {
      const {code} = event.currentTarget.dataset;
      if (code === this.data.district) return;
      clearTimeout(this.debounce);
      this.setData({district: code});
      this.reload();
    },

    onInput(event) {
      this.setData({q: event.detail.value});
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.reload(), DEBOUNCE_MS);
    },

    onConfirm() {
      clearTimeout(this.debounce);
      this.reload();
    },

    reload() {
      this.list = paging.empty();
      this.setData({items: [], more: false, loaded: false});
      return this.load(1);
    },

    loadMore() {
      if (this.data.loading || !this.data.more || this.data.error) return undefined;
      return this.load(paging.nextPage(this.list));
    },

    retry() {
      this.loadDistricts();
      return this.load(paging.nextPage(this.list));
    },

    /** Load one page; an answer to a request since replaced (new search or district) is dropped. */
    load(page) {
      const ticket = this.tickets.next();
      const {district, q} = this.data;
      this.setData({loading: true, error: ''});
      const query = {district, q: q.trim(), page, page_size: PAGE_SIZE};
      return directory
        .listAssociations(query, {silent: true})
        .then((body) => {
          if (!this.tickets.current(ticket)) return;
          this.list = paging.append(this.list, body);
          this.setData({items: this.list.items, more: this.list.more, loading: false, loaded: true});
        })
        .catch((error) => {
          if (!this.tickets.current(ticket)) return;
          this.setData({loading: false, error: error.message});
        });
    },

    choose(event) {
      const item = this.data.items.find((row) => row.id === event.currentTarget.dataset.id);
      if (!item) return;
      this.names[item.id] = item.name;
      this.setData({display: item.name, visible: false});
      const {id, name, district, district_name: districtName} = item;
      this.triggerEvent('change', {association: {id, name, district, district_name: districtName}});
    },
  },
});
