// The member's avatar lives only on this phone: the picture WeChat's chooseAvatar gives is saved
// as a local file and its path kept in storage. It is never uploaded.

const {AVATAR_KEY} = require('./account');

/** The saved avatar's local path, or ''. */
function current() {
  return wx.getStorageSync(AVATAR_KEY) || '';
}

function saveFile(tempFilePath) {
  return new Promise((resolve, reject) => {
    const options = {tempFilePath, success: (res) => resolve(res.savedFilePath), fail: reject};
    if (wx.getFileSystemManager) wx.getFileSystemManager().saveFile(options);
    else wx.saveFile(options);
  });
}

function removeFile(filePath) {
  if (!filePath) return;
  const options = {filePath, fail: () => {}};
  if (wx.getFileSystemManager) wx.getFileSystemManager().removeSavedFile(options);
  else if (wx.removeSavedFile) wx.removeSavedFile(options);
}

/** Keep a chosen picture (a temporary path) as the avatar; resolves with its saved path. */
async function save(tempFilePath) {
  const saved = await saveFile(tempFilePath);
  const previous = current();
  wx.setStorageSync(AVATAR_KEY, saved);
  if (previous && previous !== saved) removeFile(previous);
  return saved;
}

/** Delete the saved avatar file and forget its path (log out). */
function forget() {
  removeFile(current());
  wx.removeStorageSync(AVATAR_KEY);
}

module.exports = {current, save, forget};
