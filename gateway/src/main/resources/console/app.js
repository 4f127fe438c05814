// The scrapr console: a hash router over four views, each drawn from the public APIs alone.
import { askToken, get, onToken, setToken, token, call, ApiError } from './api.js';
import { h, replace, when, message } from './dom.js';
import { renderEditor } from './editor.js';
import { renderItems } from './items.js';

const view = document.getElementById('view');
let current = null; // the running view's AbortController: navigating away stops its work

/** Splits the hash into a path and its query, e.g. #/items/books?sort=-price. */
function route() {
  const hash = location.hash.replace(/^#/, '') || '/collections';
  const at = hash.indexOf('?');
  const path = at < 0 ? hash : hash.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query };
}

async function show() {
  if (current) {
    current.abort();
  }
  current = new AbortController();
  const { signal } = current;
  const { parts, query } = route();
  let name = 'collections';
  let draw = () => renderCollections(view, signal);
  if (parts[0] === 'configurations' && parts[1] === 'new') {
    name = 'new';
    draw = () => renderEditor(view, { signal });
  } else if (parts[0] === 'configurations' && parts[1] && parts[2] === 'edit') {
    name = 'configurations';
    draw = () => renderEditor(view, { signal, id: parts[1] });
  } else if (parts[0] === 'configurations') {
    name = 'configurations';
    draw = () => renderConfigurations(view, signal);
  } else if (parts[0] === 'items' && parts[1]) {
    name = 'collections';
    draw = () => renderItems(view, { signal, collection: parts[1], query });
  }
  document.querySelectorAll('[data-nav]').forEach((link) => {
    if (link.dataset.nav === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  try {
    await draw();
  } catch (error) {
    if (!signal.aborted) {
      replace(view, h('h1', {}, 'Something went wrong'), message('error', error.message));
    }
  }
}

/** How often the collections view looks again: soon while there is none, else now and then. */
const COLLECTIONS_REFRESH_MS = { empty: 2000, listed: 10000 };

async function renderCollections(container, signal, again = false) {
  if (!again) {
    replace(container, h('h1', {}, 'Collections'), message('info', 'Loading collections…'));
  }
  const collections = await get('/api', { signal });
  setTimeout(() => {
    if (!signal.aborted) {
      renderCollections(container, signal, true).catch(() => {});
    }
  }, collections.length ? COLLECTIONS_REFRESH_MS.listed : COLLECTIONS_REFRESH_MS.empty);
  const rows = collections.map((entry) => {
    const updated = h('td', {}, '…');
    const stale = h('td', {}, '…');
    // The listing has counts; freshness comes from each collection's own summary page.
    fetch('/api/' + encodeURIComponent(entry.collection) + '?limit=0', { signal })
      .then(async (response) => {
        const body = response.ok ? await response.json() : null;
        replace(updated, body ? when(body.updatedAt) : '—');
        const isStale = response.headers.get('X-Scrapr-Stale') === 'true';
        replace(stale, isStale ? h('span', { class: 'badge warn' }, 'stale') : 'fresh');
      })
      .catch(() => {
        replace(updated, '—');
        replace(stale, '—');
      });
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('a', { href: '#/items/' + encodeURIComponent(entry.collection) }, entry.collection)),
      h('td', { class: 'number' }, entry.total === null ? '—' : entry.total),
      updated,
      stale,
      h('td', {}, entry.available ? 'yes' : h('span', { class: 'badge warn' }, 'not answering')),
    );
  });
  replace(
    container,
    h('h1', {}, 'Collections'),
    collections.length === 0
      ? message('info', 'No collection is served yet. Create a configuration to start one.')
      : h(
          'table',
          { class: 'grid' },
          h('caption', {}, 'Every collection the gateway routes to'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Collection', 'Items', 'Updated', 'Freshness', 'Answering'].map((label) =>
                h('th', { scope: 'col' }, label),
              ),
            ),
          ),
          h('tbody', {}, rows),
        ),
    h('p', {}, h('a', { href: '/api/openapi.json' }, 'OpenAPI description of the gateway')),
  );
}

function summaryOfServices(orchestrator) {
  if (!orchestrator || !Array.isArray(orchestrator.services)) {
    return '—';
  }
  return orchestrator.services.map((s) =>
    h(
      'div',
      { class: 'service' },
      `${s.type}: ${s.runningTasks}/${s.desiredTasks} running`,
      s.lastError ? h('span', { class: 'error-text' }, ' — ' + s.lastError) : null,
    ),
  );
}

function statusCells(status) {
  const run = status && status.scraper && status.scraper.lastRun;
  const errors = (run && run.errors) || [];
  const unavailable = status && status.unavailable ? Object.entries(status.unavailable) : [];
  return [
    h('td', {}, status ? summaryOfServices(status.orchestrator) : '…'),
    h('td', {}, status && status.scraper ? status.scraper.state + (status.scraper.detail ? ' (' + status.scraper.detail + ')' : '') : '—'),
    h('td', {}, run ? when(run.startedAt) : '—'),
    h('td', {}, run ? when(run.finishedAt) : '—'),
    h('td', { class: 'number' }, run ? run.items : '—'),
    h(
      'td',
      {},
      errors.length === 0
        ? '0'
        : h(
            'details',
            {},
            h('summary', { class: 'error-text' }, errors.length + ' error' + (errors.length > 1 ? 's' : '')),
            h('ul', {}, errors.map((e) => h('li', {}, [e.reason, e.url, e.message].filter(Boolean).join(': ')))),
          ),
      unavailable.map(([peer, why]) => h('div', { class: 'error-text' }, peer + ' unavailable: ' + why)),
    ),
    h('td', {}, status && status.scraper ? when(status.scraper.nextRunAt) : '—'),
    h('td', { class: 'number' }, status && status.collection && status.collection.count !== null ? status.collection.count : '—'),
  ];
}

async function renderConfigurations(container, signal) {
  replace(container, h('h1', {}, 'Configurations'), message('info', 'Loading configurations…'));
  const configurations = await get('/configurations?type=scraper&limit=1000', { signal });
  const body = h('tbody', {});
  const feedback = h('div', { 'aria-live': 'polite' });
  for (const stored of configurations) {
    const row = h('tr', { 'data-id': stored.id });
    const source = (stored.configuration && stored.configuration.scraper && stored.configuration.scraper.source) || '';
    const draw = (status) =>
      replace(
        row,
        h('th', { scope: 'row' }, h('a', { href: '#/items/' + encodeURIComponent(stored.collection) }, stored.collection)),
        h('td', { class: 'url' }, source),
        statusCells(status),
        h(
          'td',
          { class: 'actions' },
          h('a', { href: '#/configurations/' + encodeURIComponent(stored.id) + '/edit', class: 'button' }, 'Edit'),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'aria-label': 'Delete the configuration of ' + stored.collection,
              onclick: () => remove(stored, feedback, signal),
            },
            'Delete',
          ),
        ),
      );
    draw(null);
    body.appendChild(row);
    get('/configurations/' + encodeURIComponent(stored.id) + '/status', { signal })
      .then(draw)
      .catch((error) => {
        if (!signal.aborted) {
          draw({ unavailable: { status: error.message } });
        }
      });
  }
  replace(
    container,
    h('h1', {}, 'Configurations'),
    h('p', {}, h('a', { href: '#/configurations/new', class: 'button primary' }, 'New configuration')),
    feedback,
    configurations.length === 0
      ? message('info', 'No configuration yet.')
      : h(
          'table',
          { class: 'grid' },
          h('caption', {}, 'Scraper configurations with their services, last run and next run'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Collection', 'Source', 'Services', 'Scraper', 'Last run started', 'Finished', 'Items', 'Errors', 'Next run', 'Collection items', 'Actions'].map(
                (label) => h('th', { scope: 'col' }, label),
              ),
            ),
          ),
          body,
        ),
  );
}

async function remove(stored, feedback, signal) {
  if (!confirm('Delete the configuration of ' + stored.collection + '? Its services are removed.')) {
    return;
  }
  try {
    await call('DELETE', '/configurations/' + encodeURIComponent(stored.id), {
      signal,
      why: 'Deleting a configuration needs the API token.',
    });
    await renderConfigurations(view, signal);
    feedback = view.querySelector('[aria-live]');
    if (feedback) {
      replace(feedback, message('ok', 'Deleted the configuration of ' + stored.collection + '.'));
    }
  } catch (error) {
    replace(feedback, message('error', error instanceof ApiError ? error.message : String(error)));
  }
}

function showToken(value) {
  document.getElementById('token-state').textContent = value ? 'API token set (this tab)' : 'No API token';
  document.getElementById('token-forget').hidden = !value;
}

document.getElementById('token-set').addEventListener('click', () => askToken('Writes need the API token.'));
document.getElementById('token-forget').addEventListener('click', () => setToken(null));
onToken(showToken);
showToken(token());
window.addEventListener('hashchange', show);
show();
