// Response bodies for 我的 and the association picker, shaped as the API's schemas.

const DISTRICTS = [
  ['331002', '椒江区'],
  ['331003', '黄岩区'],
  ['331004', '路桥区'],
  ['331022', '三门县'],
  ['331023', '天台县'],
  ['331024', '仙居县'],
  ['331081', '温岭市'],
  ['331082', '临海市'],
  ['331083', '玉环市'],
].map(([code, name]) => ({code, name}));

const DISTRICT_NAMES = Object.fromEntries(DISTRICTS.map((d) => [d.code, d.name]));

/** An Association row as GET /associations lists it. */
function association(id, name, district = '331002', kind = 'industry_association') {
  return {
    id,
    name,
    kind,
    kind_label: kind === 'industry_association' ? '行业协会' : '商会',
    district,
    district_name: DISTRICT_NAMES[district],
    uscc: `51331000MJ${String(id).padStart(8, '0')}`,
    fee_items: [],
  };
}

/** n associations numbered from `from`, in one district. */
function associations(n, from = 1, district = '331002') {
  return Array.from({length: n}, (_, i) => association(from + i, `台州市测试协会${from + i}号`, district));
}

/** A CheckIn as GET /me/checkins lists it. */
function checkin(id, overrides = {}) {
  return Object.assign(
    {
      id,
      day: '2026-11-20',
      created_at: '2026-11-20T02:15:00+00:00',
      distance_m: 35,
      site: {id: 5, name: '椒江区清廉文化长廊', type: 'corridor', type_label: '清廉文化长廊', district: '331002', district_name: '椒江区'},
    },
    overrides,
  );
}

/** A Footprint body (GET /me/checkins). */
function footprint(items, overrides = {}) {
  return Object.assign(
    {
      items,
      total: items.length,
      page: 1,
      page_size: 20,
      sites_visited: 2,
      by_type: [
        {type: 'hall', type_label: '清廉大厅', checkins: 1, sites: 1},
        {type: 'corridor', type_label: '清廉文化长廊', checkins: 2, sites: 1},
        {type: 'micro_landmark', type_label: '清廉微地标', checkins: 0, sites: 0},
        {type: 'education_base', type_label: '廉政教育基地', checkins: 0, sites: 0},
        {type: 'other', type_label: '其他阵地', checkins: 0, sites: 0},
      ],
    },
    overrides,
  );
}

/** A MyAttempt row (GET /me/attempts). */
function attempt(id, overrides = {}) {
  return Object.assign(
    {
      attempt_id: id,
      competition_id: 3,
      competition_title: '2026年台州市清廉知识竞赛',
      number: 1,
      score: 85,
      max_score: 100,
      correct_count: 17,
      question_count: 20,
      time_used_ms: 185000,
      finished_at: '2026-11-21T06:30:00+00:00',
      finish_reason: 'submitted',
      is_best: false,
    },
    overrides,
  );
}

/** A MyData body (GET /me/data). */
function myData(member, counts = {}) {
  return {
    member,
    counts: Object.assign(
      {attempts: 4, competition_entries: 1, checkins: 3, named_reports: 1, mistakes: 6, subscription_credits: 2, reminders: 1},
      counts,
    ),
  };
}

module.exports = {DISTRICTS, association, associations, checkin, footprint, attempt, myData};
