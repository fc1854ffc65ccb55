// The report form's rules, the same as the server's (backend/app/reports/schemas.py), so a
// member hears what to fix before sending; and the body POST /reports takes.

const TITLE_MIN = 4;
const BODY_MIN = 20;
const NAME_MIN = 2;
const NAME_MAX = 20;
const MOBILE = /^1[3-9]\d{9}$/;
// Text that looks like a mobile number: a reporter filing anonymously should not write their own.
const MOBILE_IN_TEXT = /(^|\D)1[3-9]\d{9}(\D|$)/;

/** Characters as the server counts them (code points, not UTF-16 units), after trimming. */
function length(text) {
  return Array.from((text || '').trim()).length;
}

function checkLength(text, min, max, what) {
  const count = length(text);
  if (!count) return `请填写${what}`;
  if (count < min) return `${what}至少写 ${min} 个字`;
  if (max && count > max) return `${what}最多 ${max} 个字，现在有 ${count} 个字`;
  return '';
}

/**
 * {field: message} for what the draft still lacks; empty when it can be sent. draft: {category,
 * referral, referralSeen, association, district, title, body, anonymous, name, phone,
 * photos: {busy, failed}}.
 */
function validate(draft, limits) {
  const errors = {};
  if (!draft.category) errors.category = '请选择问题类别';
  else if (draft.referral && !draft.referralSeen) errors.category = '请先阅读该类别的受理渠道说明，点“我已了解”后继续';
  if (!draft.association) errors.association = '请选择被反映的协会';
  if (!/^\d{6}$/.test(draft.district || '')) errors.district = '请选择区县';
  else if (draft.association && draft.association.district !== draft.district) {
    errors.district = '所选协会不在该区县，请重新选择协会或区县';
  }
  const title = checkLength(draft.title, TITLE_MIN, limits.title_max, '标题');
  if (title) errors.title = title;
  const body = checkLength(draft.body, BODY_MIN, limits.body_max, '问题描述');
  if (body) errors.body = body;
  if (!draft.anonymous) {
    const name = checkLength(draft.name, NAME_MIN, NAME_MAX, '姓名');
    if (name) errors.name = name;
    if (!MOBILE.test((draft.phone || '').trim())) errors.phone = '请填写 11 位手机号码';
  }
  const photos = draft.photos || {};
  if (photos.busy) errors.photos = '还有图片正在上传，请稍候';
  else if (photos.failed) errors.photos = '有图片上传失败，请重试或删除';
  return errors;
}

/** The body of POST /reports; an anonymous one carries no name or phone at all. */
function payload(draft, noticeVersion, uploadIds) {
  const body = {
    anonymous: Boolean(draft.anonymous),
    category: draft.category,
    district: draft.district,
    association_id: draft.association.id,
    title: draft.title.trim(),
    body: draft.body.trim(),
    upload_ids: uploadIds || [],
    notice_version: noticeVersion,
  };
  if (!draft.anonymous) {
    body.reporter_name = draft.name.trim();
    body.reporter_phone = draft.phone.trim();
  }
  return body;
}

/** True when the text seems to hold a mobile number (a hint for anonymous reporters). */
function mentionsMobile(text) {
  return MOBILE_IN_TEXT.test(text || '');
}

module.exports = {TITLE_MIN, BODY_MIN, NAME_MAX, length, validate, payload, mentionsMobile};
