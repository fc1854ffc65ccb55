// The photos of a report or a reply: chosen on the phone, uploaded one by one through
// POST /uploads, each with its own state, so one failure never costs the others.
// A photo: {key, path, size, state: 'waiting' | 'uploading' | 'done' | 'failed', uploadId, error}.

let counter = 0;

/** "10 MB" for a byte count. */
function megabytes(bytes) {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * Add chosen files (wx.chooseMedia's tempFiles) up to max; files above maxBytes are left out.
 * Returns {list, tooLarge, overLimit}: the new list and how many files were left out, and why.
 */
function add(list, tempFiles, {max, maxBytes}) {
  const room = Math.max(0, max - list.length);
  const fitting = (tempFiles || []).filter((file) => !maxBytes || !file.size || file.size <= maxBytes);
  const added = fitting.slice(0, room).map((file) => {
    counter += 1;
    return {key: `p${counter}`, path: file.tempFilePath, size: file.size || 0, state: 'waiting', uploadId: '', error: ''};
  });
  return {
    list: list.concat(added),
    tooLarge: (tempFiles || []).length - fitting.length,
    overLimit: Math.max(0, fitting.length - room),
  };
}

/** The photo to upload next (the first waiting one), or null. */
function next(list) {
  return list.find((photo) => photo.state === 'waiting') || null;
}

/** The list with one photo changed. */
function update(list, key, changes) {
  return list.map((photo) => (photo.key === key ? Object.assign({}, photo, changes) : photo));
}

/** The list without one photo. */
function remove(list, key) {
  return list.filter((photo) => photo.key !== key);
}

/** Failed photos queued again; with all: true, uploaded ones too (their uploads expired). */
function requeue(list, {all = false} = {}) {
  return list.map((photo) =>
    photo.state === 'failed' || (all && photo.state === 'done')
      ? Object.assign({}, photo, {state: 'waiting', uploadId: '', error: ''})
      : photo,
  );
}

/** {count, busy, failed, uploadIds}: what a form needs to know about its photos. */
function summary(list) {
  return {
    count: list.length,
    busy: list.some((photo) => photo.state === 'waiting' || photo.state === 'uploading'),
    failed: list.some((photo) => photo.state === 'failed'),
    uploadIds: list.filter((photo) => photo.state === 'done').map((photo) => photo.uploadId),
  };
}

module.exports = {megabytes, add, next, update, remove, requeue, summary};
