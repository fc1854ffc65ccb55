// Culture-site response bodies shaped as the API's schemas (Markers, SiteListItem, SiteDetail, CheckIn).

const TYPES = ['hall', 'corridor', 'micro_landmark', 'education_base', 'other'];
const LABELS = {hall: '清廉大厅', corridor: '清廉文化长廊', micro_landmark: '清廉微地标', education_base: '廉政教育基地', other: '其他阵地'};

/** GET /sites/markers: rows [id, lat, lng, type index]. */
function markers(rows) {
  return {
    fields: ['id', 'lat', 'lng', 'type'],
    types: TYPES,
    type_labels: TYPES.map((type) => LABELS[type]),
    total: rows.length,
    items: rows,
  };
}

/** A SiteListItem. */
function siteItem(overrides = {}) {
  const type = overrides.type || 'hall';
  return Object.assign(
    {
      id: 12,
      name: '椒江区清廉文化大厅',
      type,
      type_label: LABELS[type],
      district: '331002',
      district_name: '椒江区',
      address: '台州市椒江区市府大道 100 号',
      lat: 28.6562,
      lng: 121.4208,
      distance_m: null,
      open_now: true,
      thumb_url: null,
    },
    overrides,
  );
}

/** A SiteDetail (Monday to Friday 09:00–17:00, weekends closed). */
function site(overrides = {}) {
  const workday = [{opens: '09:00', closes: '17:00'}];
  return Object.assign(
    siteItem(),
    {
      association: {id: 7, name: '台州市椒江区建筑业协会', district: '331002'},
      description: '大厅展示台州行业协会商会清廉建设成果。\n设有廉政教育展板和互动答题区。',
      paragraphs: ['大厅展示台州行业协会商会清廉建设成果。', '设有廉政教育展板和互动答题区。'],
      photos: [
        {id: 3, url: '/api/v1/sites/12/photos/3', thumb_url: '/api/v1/sites/12/photos/3?size=thumb', width: 1200, height: 800},
        {id: 4, url: '/api/v1/sites/12/photos/4', thumb_url: '/api/v1/sites/12/photos/4?size=thumb', width: 1200, height: 800},
      ],
      hours: {weekly: [workday, workday, workday, workday, workday, [], []], closed_dates: [], note: '节假日以现场公告为准'},
      phone: '0576-88888888',
      checkin_radius_m: 1000,
      location_required: false,
      checkin_count: 128,
      checked_in_today: false,
    },
    overrides,
  );
}

/** A CheckIn (POST /sites/{id}/checkins answers 201 with it). */
function checkin(overrides = {}) {
  return Object.assign(
    {
      id: 501,
      day: '2026-12-08',
      created_at: '2026-12-08T01:30:00+00:00',
      distance_m: null,
      site: {id: 12, name: '椒江区清廉文化大厅', type: 'hall', type_label: '清廉大厅', district: '331002', district_name: '椒江区'},
    },
    overrides,
  );
}

const districts = [
  {code: '331002', name: '椒江区'},
  {code: '331003', name: '黄岩区'},
  {code: '331004', name: '路桥区'},
];

module.exports = {TYPES, LABELS, markers, siteItem, site, checkin, districts};
