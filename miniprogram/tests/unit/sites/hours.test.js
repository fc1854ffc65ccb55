const hours = require('../../../utils/hours');

const P = (opens, closes) => ({opens, closes});
const WORK = [P('09:00', '17:00')];
// 2026-12-08 is a Tuesday; 10:00 in Beijing is 02:00 UTC.
const TUESDAY_10AM = Date.parse('2026-12-08T02:00:00Z');

test('a working week reads 周一至周五 with the weekend closed', () => {
  expect(hours.weeklyLines([WORK, WORK, WORK, WORK, WORK, [], []])).toEqual([
    {days: '周一至周五', text: '09:00–17:00'},
    {days: '周六、周日', text: '休息'},
  ]);
});

test('the same hours every day read 每天; all day reads 全天开放', () => {
  const allDay = [P('00:00', '24:00')];
  expect(hours.weeklyLines([allDay, allDay, allDay, allDay, allDay, allDay, allDay])).toEqual([{days: '每天', text: '全天开放'}]);
});

test('split days, single days and a closed Monday', () => {
  const split = [P('08:30', '11:30'), P('14:00', '17:30')];
  expect(hours.weeklyLines([[], split, split, split, split, split, WORK])).toEqual([
    {days: '周一', text: '休息'},
    {days: '周二至周六', text: '08:30–11:30、14:00–17:30'},
    {days: '周日', text: '09:00–17:00'},
  ]);
});

test('malformed weeks give no lines rather than wrong ones', () => {
  expect(hours.weeklyLines(null)).toEqual([]);
  expect(hours.weeklyLines([WORK])).toEqual([]);
});

test('closed dates from today on, a few at most', () => {
  expect(hours.closedText(['2026-12-01', '2026-12-08', '2027-01-01'], '2026-12-08')).toBe('12月8日、1月1日');
  expect(hours.closedText(['2026-12-01'], '2026-12-08')).toBe('');
  const many = ['2026-12-20', '2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-26'];
  expect(hours.closedText(many, '2026-12-08')).toBe('12月20日、12月21日、12月22日、12月23日、12月24日 等 7 天');
});

test('today\'s hours are Beijing\'s today, closed dates included', () => {
  const week = {weekly: [[], WORK, [], [], [], [], []], closed_dates: []};
  expect(hours.todayText(week, TUESDAY_10AM)).toBe('今日 09:00–17:00');
  // 17:00 UTC on Tuesday is already Wednesday in Beijing.
  expect(hours.todayText(week, Date.parse('2026-12-08T17:00:00Z'))).toBe('今日休息');
  expect(hours.todayText(Object.assign({}, week, {closed_dates: ['2026-12-08']}), TUESDAY_10AM)).toBe('今日闭馆');
  expect(hours.todayText(null, TUESDAY_10AM)).toBe('');
});

test('the detail summary, or null when the hours are unknown', () => {
  const summary = hours.summary({weekly: [WORK, WORK, WORK, WORK, WORK, [], []], closed_dates: ['2027-01-01'], note: '节假日另行通知'}, TUESDAY_10AM);
  expect(summary).toEqual({
    lines: [{days: '周一至周五', text: '09:00–17:00'}, {days: '周六、周日', text: '休息'}],
    closed: '1月1日',
    note: '节假日另行通知',
    today: '今日 09:00–17:00',
  });
  expect(hours.summary(null, TUESDAY_10AM)).toBeNull();
});

test('open now as a tag, nothing when unknown', () => {
  expect(hours.openState(true)).toEqual({text: '开放中', theme: 'success'});
  expect(hours.openState(false)).toEqual({text: '未开放', theme: 'default'});
  expect(hours.openState(null)).toBeNull();
});
