// Kind words for the refusals a reporter can meet: the server's message first (it says how long
// to wait), then why the limit exists, so nobody thinks their report was lost or rejected.

const WHY = {
  receipt_lookup_limited: '为防止他人猜测回执码，输错次数多了需要稍等一会儿。您的问题反映不受影响。',
  track_limited: '为保护回执码的安全，查询次数有上限。您的问题反映不受影响。',
  report_limit_reached: '为防止滥用，每天可提交的问题反映数量有上限。已提交的问题反映不受影响。',
  submit_attempts_limited: '为防止滥用，短时间内提交次数有上限。您填写的内容还在，请稍后再点提交。',
  upload_limit_reached: '为防止滥用，每小时可上传的图片数量有上限。已上传的图片不受影响。',
  message_limit_reached: '为防止滥用，每天的留言次数有上限。已发送的留言不受影响。',
};

/** {message, why} for an ApiError: the server's words, and a kind reason for limits (429). */
function explain(error) {
  const message = (error && error.message) || '出错了，请稍后重试';
  if (!error || error.statusCode !== 429) return {message, why: ''};
  return {message, why: WHY[error.reason] || '操作过于频繁，请稍后再试。'};
}

module.exports = {explain};
