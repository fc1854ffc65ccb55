// Receipts (回执码): 16 digits, shown once after filing and typed back to follow a report up.
// People copy long numbers with spaces or dashes and Chinese keyboards may give full-width
// digits, so what is typed is normalised before it is checked or sent.

const DIGITS = 16;
const GROUP = 4;

/** The receipt as typed, without spaces or dashes, full-width digits made ASCII. */
function normalize(text) {
  return String(text || '')
    .replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-\u2010-\u2015\u2212\uFF0D]/g, '');
}

/** {receipt, error}: the normalised receipt, or a message saying what is wrong with it. */
function check(text) {
  const receipt = normalize(text);
  if (!receipt) return {receipt, error: '请输入回执码'};
  if (!/^\d+$/.test(receipt)) return {receipt, error: '回执码只包含数字，请核对后再输入'};
  if (receipt.length !== DIGITS) {
    return {receipt, error: `回执码是 ${DIGITS} 位数字，您输入了 ${receipt.length} 位`};
  }
  return {receipt, error: ''};
}

/** The receipt in groups of four: ['1234', '5678', '9012', '3456']. */
function groups(receipt) {
  const digits = normalize(receipt);
  const parts = [];
  for (let start = 0; start < digits.length; start += GROUP) {
    parts.push(digits.slice(start, start + GROUP));
  }
  return parts;
}

/** The receipt as people read it aloud or copy it: "1234 5678 9012 3456". */
function format(receipt) {
  return groups(receipt).join(' ');
}

module.exports = {DIGITS, normalize, check, groups, format};
