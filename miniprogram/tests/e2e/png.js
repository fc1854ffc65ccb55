// Text chunks of a PNG file: what a phone's camera would read out of a mini-program code is, in
// the fake WeChat's codes, written as the tEXt chunks "scene" and "page".
function textChunks(buffer) {
  const chunks = {};
  let offset = 8; // the PNG signature
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    if (type === 'tEXt') {
      const data = buffer.subarray(offset + 8, offset + 8 + length);
      const split = data.indexOf(0);
      chunks[data.toString('latin1', 0, split)] = data.toString('latin1', split + 1);
    }
    offset += 12 + length;
  }
  return chunks;
}

module.exports = {textChunks};
