// The items browser: a page of /api/{collection} with sort (click a column), filters (field =
// value), a text search and downloads carrying the same query. The state lives in the hash, so a
// view can be bookmarked and the back button works.
import { ApiError } from './api.js';
import { h, replace, display, when, message } from './dom.js';

const META = ['_key', 'firstSeen', 'lastSeen', 'changedAt'];
const PAGE_SIZES = [20, 50, 100];
const WAIT_POLL_MS = 2000;
const DOWNLOAD_LIMIT = 10000;

/** The query parameters that select items (not the page), in the order they are sent. */
function selection(state) {
  const params = new URLSearchParams();
  if (state.sort) params.set('sort', state.sort);
  state.filters.forEach((f) => params.append('filter', f));
  if (state.q) params.set('q', state.q);
  return params;
}

function readState(query) {
  const limit = Number(query.get('limit'));
  return {
    offset: Math.max(0, Number(query.get('offset')) || 0),
    limit: PAGE_SIZES.includes(limit) ? limit : PAGE_SIZES[0],
    sort: query.get('sort') || '',
    filters: query.getAll('filter'),
    q: query.get('q') || '',
    saved: query.get('saved') === '1',
  };
}

function hashOf(collection, state) {
  const params = selection(state);
  if (state.offset) params.set('offset', String(state.offset));
  if (state.limit !== PAGE_SIZES[0]) params.set('limit', String(state.limit));
  const text = params.toString();
  return '#/items/' + encodeURIComponent(collection) + (text ? '?' + text : '');
}

/** A table cell: the key shortened, linking to the item, instants in local time, values as they are. */
function cell(api, column, value) {
  if (column === '_key' && typeof value === 'string') {
    const shown = value.length > 12 ? value.slice(0, 12) + '…' : value;
    // The item on its own, as GET /api/{collection}/items/{key} gives it.
    return h('td', { class: 'meta' }, h('a', { href: api + '/items/' + encodeURIComponent(value), title: 'This item as JSON: ' + value }, shown));
  }
  if (META.includes(column)) {
    return h('td', { class: 'meta', title: value || '' }, when(value));
  }
  return h('td', {}, display(value));
}

function columnsOf(items) {
  const seen = [];
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!seen.includes(name)) seen.push(name);
    }
  }
  return [...seen.filter((n) => !META.includes(n)), ...META.filter((n) => seen.includes(n))];
}

/**
 * Draws the browser of one collection.
 *
 * @param {HTMLElement} container where
 * @param {{signal: AbortSignal, collection: string, query: URLSearchParams}} options
 */
export async function renderItems(container, { signal, collection, query }) {
  const state = readState(query);
  const go = (change) => {
    const next = hashOf(collection, { ...state, saved: false, ...change });
    if (next === location.hash) {
      // The same query again (Refresh): no hashchange fires, so ask for the view anew.
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      location.hash = next;
    }
  };
  const api = '/api/' + encodeURIComponent(collection);
  const params = selection(state);
  params.set('offset', String(state.offset));
  params.set('limit', String(state.limit));
  const title = h('h1', {}, 'Items of ', h('span', { class: 'collection-name' }, collection));
  const status = h('div', { class: 'items-status', 'aria-live': 'polite' });
  replace(container, title, status, message('info', 'Loading items…'));

  let page = null;
  let problem = null;
  let stale = false;
  // A collection just configured is served once its endpoint starts and its first run delivers:
  // wait for that here rather than show an empty page.
  for (;;) {
    const response = await fetch(api + '?' + params.toString(), { signal, headers: { Accept: 'application/json' } });
    const body = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
    stale = response.headers.get('X-Scrapr-Stale') === 'true';
    if (response.ok) {
      page = body;
      const filtering = state.filters.length || state.q;
      if (page.total > 0 || filtering || state.offset > 0) break;
    } else if (response.status !== 404 && response.status !== 503) {
      problem = new ApiError(response.status, body, api);
      break;
    }
    replace(
      container,
      title,
      message('info', state.saved || response.status === 404
        ? 'Waiting for the first items: the collection\'s endpoint starts and its scraper runs…'
        : 'The collection has no items yet; looking again every few seconds…'),
    );
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    if (signal.aborted) return;
  }
  if (signal.aborted) return;

  const items = page ? page.items || [] : [];
  const columns = columnsOf(items);
  const sortField = state.sort.replace(/^-/, '');
  const descending = state.sort.startsWith('-');

  const header = h(
    'tr',
    {},
    columns.map((name) => {
      const sorted = sortField === name;
      const next = !sorted ? name : descending ? '' : '-' + name;
      return h(
        'th',
        { scope: 'col', 'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : 'none' },
        h(
          'button',
          {
            type: 'button',
            class: 'sort',
            'data-column': name,
            title: !sorted ? 'Sort by ' + name : descending ? 'Stop sorting by ' + name : 'Sort by ' + name + ', descending',
            onclick: () => go({ sort: next, offset: 0 }),
          },
          name,
          sorted ? h('span', { 'aria-hidden': 'true' }, descending ? ' ▼' : ' ▲') : null,
        ),
      );
    }),
  );

  const fieldSelect = h('select', { id: 'filter-field', name: 'field' }, columns.filter((c) => c !== '_key').map((c) => h('option', { value: c }, c)));
  const valueInput = h('input', { id: 'filter-value', name: 'value', type: 'text', autocomplete: 'off' });
  const filterForm = h(
    'form',
    {
      class: 'inline',
      'aria-label': 'Add a filter',
      onsubmit: (event) => {
        event.preventDefault();
        if (!fieldSelect.value) return;
        go({ filters: [...state.filters, fieldSelect.value + ':' + valueInput.value], offset: 0 });
      },
    },
    h('label', { for: 'filter-field' }, 'Filter field'),
    fieldSelect,
    h('label', { for: 'filter-value' }, 'equals'),
    valueInput,
    h('button', { type: 'submit', id: 'filter-add' }, 'Add filter'),
  );
  const searchInput = h('input', { id: 'search', name: 'q', type: 'search', value: state.q, autocomplete: 'off' });
  const searchForm = h(
    'form',
    {
      class: 'inline',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        go({ q: searchInput.value.trim(), offset: 0 });
      },
    },
    h('label', { for: 'search' }, 'Search text'),
    searchInput,
    h('button', { type: 'submit' }, 'Search'),
  );
  const active = state.filters.length || state.q || state.sort
    ? h(
        'ul',
        { class: 'chips', 'aria-label': 'Active query' },
        state.filters.map((f, i) =>
          h('li', {}, 'filter ' + f.replace(':', ' = '), h('button', { type: 'button', class: 'link', 'aria-label': 'Remove filter ' + f, onclick: () => go({ filters: state.filters.filter((_, j) => j !== i), offset: 0 }) }, '×')),
        ),
        state.q ? h('li', {}, 'search "' + state.q + '"', h('button', { type: 'button', class: 'link', 'aria-label': 'Clear the search', onclick: () => go({ q: '', offset: 0 }) }, '×')) : null,
        state.sort ? h('li', {}, 'sorted by ' + sortField + (descending ? ' (descending)' : ''), h('button', { type: 'button', class: 'link', 'aria-label': 'Stop sorting', onclick: () => go({ sort: '', offset: 0 }) }, '×')) : null,
      )
    : null;

  const download = (format, label) => {
    const q = selection(state);
    q.set('limit', String(DOWNLOAD_LIMIT));
    q.set('format', format);
    const ext = format === 'jsonl' ? 'jsonl' : format;
    return h('a', { href: api + '?' + q.toString(), download: collection + '.' + ext, class: 'button', 'data-format': format }, label);
  };

  const total = page ? page.total : 0;
  const from = items.length ? state.offset + 1 : 0;
  const to = state.offset + items.length;
  const sizeSelect = h(
    'select',
    { id: 'page-size', onchange: (e) => go({ limit: Number(e.target.value), offset: 0 }) },
    PAGE_SIZES.map((n) => h('option', { value: n }, n + ' per page')),
  );
  sizeSelect.value = String(state.limit);

  replace(
    container,
    title,
    state.saved ? message('ok', 'Saved. Items appear here as runs deliver them.') : null,
    stale ? message('error', 'Stale: the endpoint serves its last good copy; the datasource cannot be read.') : null,
    h('div', { class: 'toolbar' }, searchForm, filterForm),
    active,
    problem
      ? h(
          'div',
          { class: 'message error', role: 'alert' },
          problem.message,
          problem.errors.length ? h('ul', {}, problem.errors.map((e) => h('li', {}, (e.field ? e.field + ': ' : '') + e.message))) : null,
        )
      : null,
    h(
      'p',
      { class: 'items-count', 'data-testid': 'items-count' },
      problem ? '' : items.length ? `Items ${from}–${to} of ${total}` : 'No items match.',
      page && page.updatedAt ? h('span', { class: 'hint' }, ' · updated ' + when(page.updatedAt)) : null,
    ),
    items.length
      ? h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'grid items' },
            h('caption', {}, 'Items of ' + collection + '; click a column to sort'),
            h('thead', {}, header),
            h('tbody', {}, items.map((item) => h('tr', {}, columns.map((c) => cell(api, c, item[c]))))),
          ),
        )
      : null,
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', id: 'page-previous', disabled: state.offset === 0, onclick: () => go({ offset: Math.max(0, state.offset - state.limit) }) }, 'Previous'),
      h('button', { type: 'button', id: 'page-next', disabled: to >= total, onclick: () => go({ offset: state.offset + state.limit }) }, 'Next'),
      h('label', { for: 'page-size', class: 'visually-hidden' }, 'Page size'),
      sizeSelect,
      h('button', { type: 'button', onclick: () => go({}) }, 'Refresh'),
    ),
    h('p', { class: 'downloads' }, 'Download (same query, up to ' + DOWNLOAD_LIMIT + ' items): ', download('csv', 'CSV'), ' ', download('jsonl', 'JSONL'), ' ', download('json', 'JSON')),
  );
}
