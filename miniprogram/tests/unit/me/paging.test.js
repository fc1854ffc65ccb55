const paging = require('../../../utils/paging');

const body = (ids, page, total) => ({items: ids.map((id) => ({id})), total, page, page_size: 2});

test('pages accumulate until the total is reached', () => {
  let state = paging.empty();
  expect(paging.nextPage(state)).toBe(1);

  state = paging.append(state, body([1, 2], 1, 3));
  expect(state).toEqual({items: [{id: 1}, {id: 2}], page: 1, total: 3, more: true});
  expect(paging.nextPage(state)).toBe(2);

  state = paging.append(state, body([3], 2, 3));
  expect(state.items.map((item) => item.id)).toEqual([1, 2, 3]);
  expect(state.more).toBe(false);
});

test('page 1 replaces the list, and an empty page ends it even if the total says otherwise', () => {
  const state = paging.append(paging.empty(), body([1, 2], 1, 5));
  expect(paging.append(state, body([9], 1, 1)).items).toEqual([{id: 9}]);
  expect(paging.append(state, body([], 2, 5)).more).toBe(false);
});

test('only the latest ticket is current', () => {
  const tickets = paging.tickets();
  const first = tickets.next();
  expect(tickets.current(first)).toBe(true);
  const second = tickets.next();
  expect(tickets.current(first)).toBe(false);
  expect(tickets.current(second)).toBe(true);
});
