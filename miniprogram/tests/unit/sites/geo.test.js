const geo = require('../../../utils/geo');

test.each([
  [0, '0 米'],
  [850, '850 米'],
  [999.4, '999 米'],
  [999.6, '1 公里'],
  [1000, '1 公里'],
  [1234, '1.2 公里'],
  [3200, '3.2 公里'],
  [15000, '15 公里'],
  [123456, '123.5 公里'],
])('%s m reads "%s"', (metres, words) => {
  expect(geo.distanceText(metres)).toBe(words);
});

test.each([[null], [undefined], [NaN], [-5], ['850']])('an unknown distance (%s) reads as nothing', (metres) => {
  expect(geo.distanceText(metres)).toBe('');
});

test('distances are great-circle metres, as the server measures them', () => {
  // 椒江 to 临海 city centres: about 35 km.
  const d = geo.distanceM(28.6561, 121.4205, 28.8584, 121.1448);
  expect(d).toBeGreaterThan(33000);
  expect(d).toBeLessThan(36000);
  expect(geo.distanceM(28.6, 121.4, 28.6, 121.4)).toBe(0);
  // One thousandth of a degree of latitude is about 111 m.
  expect(geo.distanceM(28.6, 121.4, 28.601, 121.4)).toBe(111);
});
