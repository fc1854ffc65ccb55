const categories = require('../../../utils/report-categories');
const fx = require('../../helpers/fixtures-reports');

const tree = fx.categories();

test('the selectable codes are the children of groups and the childless top categories', () => {
  const codes = categories.leaves(tree).map((leaf) => leaf.item.code);
  expect(codes).toEqual(['fee_forced_membership', 'fee_kickbacks', 'fee_market_prices', 'obstructing_withdrawal', 'leader_misconduct', 'other']);
  expect(categories.find(tree, 'arbitrary_fees')).toBeNull();
  expect(categories.isGroup(categories.top(tree, 'arbitrary_fees'))).toBe(true);
  expect(categories.isGroup(categories.top(tree, 'other'))).toBe(false);
});

test('names a child with its group, as the server does', () => {
  expect(categories.displayName(tree, 'fee_kickbacks')).toBe('乱收费 · 收费返成');
  expect(categories.displayName(tree, 'obstructing_withdrawal')).toBe('阻碍退会');
  expect(categories.displayName(tree, 'nope')).toBe('');
});

test('gives the guidance and the referral of the chosen category', () => {
  expect(categories.advice(tree, 'fee_kickbacks')).toEqual({guidance: '写明收费项目、返还给谁、返还比例或金额。', referral: null});
  expect(categories.advice(tree, 'fee_market_prices').referral).toEqual(fx.MARKET);
  expect(categories.referralText(fx.DISCIPLINE)).toEqual({
    title: '党员或公职人员违纪违法问题由纪检监察机关负责处理',
    channel: '请通过以下渠道反映：12388 举报网站或拨打 12388',
  });
  expect(categories.referralText(null)).toBeNull();
});

test('the overview counts the items of a group', () => {
  expect(categories.overview(tree).slice(0, 2)).toEqual([
    {code: 'arbitrary_fees', name: '乱收费', detail: '含 3 类情形'},
    {code: 'obstructing_withdrawal', name: '阻碍退会', detail: ''},
  ]);
});
