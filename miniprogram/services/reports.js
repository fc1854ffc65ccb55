// Reports (举报): filing, tracking by receipt, and my named reports.
// Anonymous reports and every receipt lookup use auth 'none': no token, no login, no openid.

const {request, upload} = require('../utils/request');

const authFor = (anonymous) => (anonymous ? 'none' : 'member');

/** GET /report-categories: the category tree with guidance and referrals. */
const listCategories = () => request({path: '/report-categories', auth: 'none', retries: 2});

/** GET /report-notice: the notice (须知) read before filing, and the form's limits. */
const getNotice = () => request({path: '/report-notice', auth: 'none', retries: 2});

/** POST /uploads (multipart file) → {upload_id} */
const uploadImage = (filePath, {anonymous}) =>
  upload({path: '/uploads', filePath, name: 'file', auth: authFor(anonymous), retries: 1});

/** POST /reports: idempotencyKey makes a retried submission file one report. */
const submitReport = (body, idempotencyKey) =>
  request({
    method: 'POST',
    path: '/reports',
    data: body,
    auth: authFor(body.anonymous),
    idempotencyKey,
    retries: 2,
  });

/** POST /reports/track {receipt} */
const track = (receipt) =>
  request({method: 'POST', path: '/reports/track', data: {receipt}, auth: 'none'});

/** POST /reports/track/messages {receipt, body, upload_ids} */
const replyByReceipt = (receipt, body, uploadIds) =>
  request({
    method: 'POST',
    path: '/reports/track/messages',
    data: {receipt, body, upload_ids: uploadIds || []},
    auth: 'none',
  });

/** POST /reports/track/rating {receipt, rating, reason?} */
const rateByReceipt = (receipt, rating, reason) =>
  request({
    method: 'POST',
    path: '/reports/track/rating',
    data: Object.assign({receipt, rating}, reason ? {reason} : {}),
    auth: 'none',
  });

/** GET /me/reports?page= (named reports only) */
const listMyReports = (query) => request({path: '/me/reports', query, retries: 2});

/** GET /me/reports/{public_id} */
const getMyReport = (publicId) => request({path: `/me/reports/${publicId}`, retries: 2});

/** POST /me/reports/{public_id}/messages {body, upload_ids} */
const replyToMyReport = (publicId, body, uploadIds) =>
  request({
    method: 'POST',
    path: `/me/reports/${publicId}/messages`,
    data: {body, upload_ids: uploadIds || []},
  });

/** POST /me/reports/{public_id}/rating {rating, reason?} */
const rateMyReport = (publicId, rating, reason) =>
  request({
    method: 'POST',
    path: `/me/reports/${publicId}/rating`,
    data: Object.assign({rating}, reason ? {reason} : {}),
  });

module.exports = {
  listCategories,
  getNotice,
  uploadImage,
  submitReport,
  track,
  replyByReceipt,
  rateByReceipt,
  listMyReports,
  getMyReport,
  replyToMyReport,
  rateMyReport,
};
