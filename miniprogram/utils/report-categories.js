// The report category tree of GET /report-categories: top categories, some of them groups whose
// children are the codes a report carries (乱收费 and its 15 official items).

/** The codes a report may carry, each with its group (or null) and item. */
function leaves(tree) {
  const found = [];
  (tree || []).forEach((top) => {
    if (top.children && top.children.length) {
      top.children.forEach((child) => found.push({group: top, item: child}));
    } else {
      found.push({group: null, item: top});
    }
  });
  return found;
}

/** {group, item} for a selectable code, or null. */
function find(tree, code) {
  return leaves(tree).find((leaf) => leaf.item.code === code) || null;
}

/** The top category with this code, or null. */
function top(tree, code) {
  return (tree || []).find((category) => category.code === code) || null;
}

/** True when choosing this top category still needs a choice among its children. */
function isGroup(category) {
  return Boolean(category && category.children && category.children.length);
}

/** The name members read: "乱收费 · 收费返成" for a child, the name alone otherwise. */
function displayName(tree, code) {
  const leaf = find(tree, code);
  if (!leaf) return '';
  return leaf.group ? `${leaf.group.name} · ${leaf.item.name}` : leaf.item.name;
}

/** The guidance and referral that apply to a code: the item's own, else its group's. */
function advice(tree, code) {
  const leaf = find(tree, code);
  if (!leaf) return {guidance: '', referral: null};
  const guidance = leaf.item.guidance || (leaf.group && leaf.group.guidance) || '';
  const referral = leaf.item.referral || (leaf.group && leaf.group.referral) || null;
  return {guidance, referral};
}

/** A referral in plain words: who handles which problems, and how to reach them. */
function referralText(referral) {
  if (!referral) return null;
  return {
    title: `${referral.when}由${referral.authority}负责处理`,
    channel: `请通过以下渠道反映：${referral.channel}`,
  };
}

/** Short overview lines for the 举报 tab: each top category, with how many items a group has. */
function overview(tree) {
  return (tree || []).map((category) => ({
    code: category.code,
    name: category.name,
    detail: isGroup(category) ? `含 ${category.children.length} 类情形` : '',
  }));
}

module.exports = {leaves, find, top, isGroup, displayName, advice, referralText, overview};
