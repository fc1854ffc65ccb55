// Reports (举报): filing, tracking by receipt, and my named reports.
// Anonymous reports, uploads and every receipt lookup use auth 'none': no token, no login, no
// openid. Each function takes optional request options last (e.g. {silent: true}).

const {request, upload} = require('../utils/request');

const authFor = (anonymous) => (anonymous ? 'none' : 'member');
const withOptions = (base, options) => Object.assign(base, options);

/** GET /report-categories: the category tree with guidance and referrals. */
const listCategories = (options) => request(withOptions({path: '/report-categories', auth: 'none', retries: 2}, options));

/** GET /report-notice: the notice (须知) read before filing, and the form's limits. */
const getNotice = (options) => request(withOptions({path: '/report-notice', auth: 'none', retries: 2}, options));

/** POST /uploads (multipart file) → {upload_id}; the route reads no token, so none is sent. */
const uploadImage = (filePath, options) =>
  upload(withOptions({path: '/uploads', filePath, name: 'file', auth: 'none', retries: 1}, options));

/** POST /reports: idempotencyKey makes a retried submission file one report. */
const submitReport = (body, idempotencyKey, options) =>
  request(
    withOptions(
      {
        method: 'POST',
        path: '/reports',
        data: body,
        auth: authFor(body.anonymous),
        idempotencyKey,
        retries: 2,
      },
      options,
    ),
  );

/** POST /reports/track {receipt} */
const track = (receipt, options) =>
  request(withOptions({method: 'POST', path: '/reports/track', data: {receipt}, auth: 'none'}, options));

/** POST /reports/track/messages {receipt, body, upload_ids} */
const replyByReceipt = (receipt, body, uploadIds, options) =>
  request(
    withOptions(
      {
        method: 'POST',
        path: '/reports/track/messages',
        data: {receipt, body, upload_ids: uploadIds || []},
        auth: 'none',
      },
      options,
    ),
  );

/** POST /reports/track/rating {receipt, rating, reason?} */
const rateByReceipt = (receipt, rating, reason, options) =>
  request(
    withOptions(
      {
        method: 'POST',
        path: '/reports/track/rating',
        data: Object.assign({receipt, rating}, reason ? {reason} : {}),
        auth: 'none',
      },
      options,
    ),
  );

/** GET /me/reports?page= (named reports only) */
const listMyReports = (query, options) => request(withOptions({path: '/me/reports', query, retries: 2}, options));

/** GET /me/reports/{public_id} */
const getMyReport = (publicId, options) =>
  request(withOptions({path: `/me/reports/${encodeURIComponent(publicId)}`, retries: 2}, options));

/** POST /me/reports/{public_id}/messages {body, upload_ids} */
const replyToMyReport = (publicId, body, uploadIds, options) =>
  request(
    withOptions(
      {
        method: 'POST',
        path: `/me/reports/${encodeURIComponent(publicId)}/messages`,
        data: {body, upload_ids: uploadIds || []},
      },
      options,
    ),
  );

/** POST /me/reports/{public_id}/rating {rating, reason?} */
const rateMyReport = (publicId, rating, reason, options) =>
  request(
    withOptions(
      {
        method: 'POST',
        path: `/me/reports/${encodeURIComponent(publicId)}/rating`,
        data: Object.assign({rating}, reason ? {reason} : {}),
      },
      options,
    ),
  );

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
