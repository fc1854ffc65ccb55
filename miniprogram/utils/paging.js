// Paginated lists ({items, total, page, page_size}) loaded page by page into one growing list,
// and a ticket counter that lets a list ignore answers to requests it has since replaced.

/** An empty list, before its first page. */
function empty() {
  return {items: [], page: 0, total: 0, more: true};
}

/** The list after one more page arrived (page 1 replaces whatever was there). */
function append(state, body) {
  const items = body.page <= 1 ? body.items.slice() : state.items.concat(body.items);
  return {
    items,
    page: body.page,
    total: body.total,
    more: items.length < body.total && body.items.length > 0,
  };
}

/** The page number to ask for next. */
function nextPage(state) {
  return state.page + 1;
}

/** Numbered tickets: only the most recently issued one is current. */
function tickets() {
  let latest = 0;
  return {
    next: () => {
      latest += 1;
      return latest;
    },
    current: (ticket) => ticket === latest,
  };
}

module.exports = {empty, append, nextPage, tickets};
