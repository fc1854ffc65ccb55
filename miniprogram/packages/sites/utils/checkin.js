// What the check-in page tells a member when a check-in does not go through: a title, the words
// (the server's own message where it has one), a hint, and which buttons to offer.

// Button labels by action; the page decides what each action does.
const ACTIONS = {
  retry: '重新打卡',
  rescan: '重新扫码',
  settings: '开启定位',
  navigate: '导航到阵地',
  checkins: '我的打卡',
  map: '看看其他阵地',
};

const REFUSALS = {
  too_far: {
    title: '离阵地还有点远',
    hint: '请到达阵地附近后再打卡。室内定位可能有偏差，可走到开阔处重新打卡。',
    actions: ['retry', 'navigate'],
  },
  already_checked_in: {
    title: '今天已经打过卡了',
    hint: '每处阵地每天可打卡一次，打卡记录可在“我的打卡”中查看。',
    actions: ['checkins'],
    tone: 'info',
  },
  scene_invalid: {
    title: '二维码无效',
    hint: '打卡码可能已经更换。请扫描阵地现场张贴的最新小程序码。',
    actions: ['rescan'],
  },
  scene_mismatch: {
    title: '二维码与阵地不符',
    hint: '请扫描您所在阵地现场张贴的小程序码。',
    actions: ['rescan'],
  },
  site_disabled: {title: '阵地暂停开放', hint: '该阵地暂不接受打卡，可以去看看附近的其他阵地。', actions: ['map']},
  site_not_found: {title: '找不到这处阵地', hint: '该阵地可能已停用，可以去看看附近的其他阵地。', actions: ['map']},
  location_required: {
    title: '需要您的位置',
    hint: '请点“开启定位”，在设置页打开“位置信息”，返回后点“重新打卡”。',
    actions: ['settings', 'retry'],
  },
};

// When the phone could not give a position for a site that needs one.
const LOCATION_FAILURES = {
  denied: Object.assign({text: '该阵地须在现场定位后打卡。'}, REFUSALS.location_required),
  privacy: {
    title: '需要您同意隐私保护指引',
    text: '该阵地须在现场定位后打卡，定位前须同意隐私保护指引。',
    hint: '请点“重新打卡”，在弹出的提示中选择“同意并继续”。',
    actions: ['retry'],
  },
  system: {
    title: '手机定位未开启',
    text: '该阵地须在现场定位后打卡。',
    hint: '请在手机设置中打开定位服务，并允许微信使用位置信息，然后点“重新打卡”。',
    actions: ['retry'],
  },
  failed: {
    title: '暂时无法定位',
    text: '该阵地须在现场定位后打卡，但这次没能取得您的位置。',
    hint: '请稍候片刻，或走到开阔处后点“重新打卡”。',
    actions: ['retry'],
  },
};

function view(entry, text) {
  return {
    title: entry.title,
    text: entry.text || text || '',
    hint: entry.hint || '',
    tone: entry.tone || 'warn',
    actions: entry.actions.map((action) => ({action, label: ACTIONS[action]})),
  };
}

/** The refusal to show for an ApiError of GET /sites/{id} or POST /sites/{id}/checkins. */
function explain(error) {
  const entry = REFUSALS[error && error.reason];
  if (entry) return view(entry, error.message);
  if (error && error.statusCode === 0) {
    return view({title: '网络不给力', text: '打卡还没有送达。', hint: '请检查网络后重新打卡。', actions: ['retry']});
  }
  return view({title: '打卡没有成功', actions: ['retry']}, (error && error.message) || '出错了，请稍后重试');
}

/** The refusal to show when a site needs the location and the phone gave none (kind from utils/location). */
function explainLocation(kind) {
  return view(LOCATION_FAILURES[kind] || LOCATION_FAILURES.failed);
}

module.exports = {ACTIONS, explain, explainLocation};
