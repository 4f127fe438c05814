// Create or edit a configuration, with a live preview: every change posts the form's body to
// /configurations/preview (debounced, the previous one aborted) and shows what it would give.
import { call, get, askToken, ApiError } from './api.js';
import { h, replace, display, debounce, message } from './dom.js';

const PREVIEW_DELAY_MS = 600;
const PREVIEW_ITEMS_SHOWN = 20;
const SCRAPER_FIELDS = ['source', 'scope', 'selector', 'paginate', 'limit', 'delayMs'];

let uniqueId = 0;
function nextId(prefix) {
  uniqueId += 1;
  return prefix + '-' + uniqueId;
}

/** A labelled input with a place for its error; `field` is the name the API's 400s use. */
function control(label, field, attrs = {}, hint = null) {
  const id = attrs.id || nextId('f');
  const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const hintNode = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
  const input = h('input', {
    type: 'text',
    ...attrs,
    id,
    name: field,
    'aria-describedby': [hintNode ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' '),
  });
  const wrapper = h('div', { class: 'control', 'data-field': field }, h('label', { for: id }, label), input, hintNode, error);
  return { wrapper, input };
}

function numberOrText(raw) {
  const text = raw.trim();
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * Draws the editor.
 *
 * @param {HTMLElement} container where
 * @param {{signal: AbortSignal, id?: string}} options the view's signal; the id of the
 *     configuration to edit, none for a new one
 */
export async function renderEditor(container, { signal, id }) {
  let base = {}; // the configuration as loaded: fields the form does not show are kept
  if (id) {
    replace(container, h('h1', {}, 'Edit configuration'), message('info', 'Loading…'));
    let stored = await get('/configurations/' + encodeURIComponent(id), { signal });
    if (JSON.stringify(stored).includes('<redacted>')) {
      // Header values are hidden from anonymous readers; saving them hidden would lose them.
      if (await askToken('Its header values are hidden without the API token; give it to edit them.')) {
        stored = await get('/configurations/' + encodeURIComponent(id), { signal });
      }
    }
    base = stored.configuration || {};
  }
  const scraper = base.scraper || {};

  const collection = control('Collection', 'collection', { id: 'collection', required: true, autocomplete: 'off', value: base.collection || '' }, 'Lower-case letters, digits and dashes; names the collection and its /api route.');
  const ttl = control('TTL (seconds between runs)', 'ttl', { id: 'ttl', type: 'number', min: 10, required: true, value: base.ttl ?? 300 });
  const key = control('Key fields', 'key', { id: 'key', value: (base.key || []).join(', ') }, 'Comma-separated fields that identify an item; empty = all fields.');
  const source = control('Source URL', 'scraper.source', { id: 'source', type: 'url', required: true, value: scraper.source || '', placeholder: 'https://example.com/catalogue/page-1.html' });
  const scope = control('Scope (CSS selector of one item)', 'scraper.scope', { id: 'scope', value: scraper.scope || '', placeholder: 'article.product' });
  const paginate = control('Next page selector', 'scraper.paginate', { id: 'paginate', value: scraper.paginate || '', placeholder: 'li.next a@abs:href' });
  const limit = control('Page limit', 'scraper.limit', { id: 'limit', type: 'number', min: 1, value: scraper.limit ?? '' });
  const delay = control('Delay between pages (ms)', 'scraper.delayMs', { id: 'delayMs', type: 'number', min: 0, value: scraper.delayMs ?? '' });

  const rows = h('tbody', {});
  const fieldsTable = h(
    'table',
    { class: 'grid fields' },
    h('caption', {}, 'Fields: each name gets what its selector finds in an item (value: the first match; list: every match; nested JSON: {"scope", "selector"})'),
    h('thead', {}, h('tr', {}, ['Name', 'Selector', 'Kind', 'Matches', ''].map((label) => h('th', { scope: 'col' }, label)))),
    rows,
  );
  const formErrors = h('div', { class: 'form-errors', 'aria-live': 'assertive' });
  const saveStatus = h('div', { 'aria-live': 'polite' });
  const preview = h('section', { class: 'preview', 'aria-labelledby': 'preview-title', 'aria-live': 'polite', 'aria-busy': 'false' });

  function addRow(name = '', selector = '', kind = 'text') {
    const n = rows.children.length + 1;
    const nameInput = h('input', { type: 'text', class: 'field-name', 'aria-label': 'Name of field ' + n, value: name, autocomplete: 'off' });
    const selectorInput = h('input', { type: 'text', class: 'field-selector', 'aria-label': 'Selector of field ' + n, value: selector, autocomplete: 'off', placeholder: 'h3 a@title' });
    const kindSelect = h(
      'select',
      { class: 'field-kind', 'aria-label': 'Kind of field ' + n },
      h('option', { value: 'text' }, 'value'),
      h('option', { value: 'list' }, 'list'),
      h('option', { value: 'json' }, 'nested JSON'),
    );
    kindSelect.value = kind;
    const matches = h('td', { class: 'matches number' }, '');
    const error = h('p', { class: 'field-error', hidden: true });
    const row = h(
      'tr',
      { class: 'field-row' },
      h('td', {}, nameInput),
      h('td', {}, selectorInput, error),
      h('td', {}, kindSelect),
      matches,
      h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': 'Remove field ' + n, onclick: () => { row.remove(); changed(); } }, 'Remove')),
    );
    const sync = () => row.setAttribute('data-field', 'scraper.selector.' + nameInput.value.trim());
    nameInput.addEventListener('input', sync);
    sync();
    rows.appendChild(row);
    return row;
  }

  const selector = scraper.selector || {};
  for (const [name, value] of Object.entries(selector)) {
    if (typeof value === 'string') {
      addRow(name, value, 'text');
    } else if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') {
      addRow(name, value[0], 'list');
    } else {
      addRow(name, JSON.stringify(value), 'json');
    }
  }
  if (rows.children.length === 0) {
    addRow();
  }

  /** The form as a configuration body; `local` collects problems found before any request. */
  function body(local) {
    const out = { ...base };
    delete out.key;
    out.collection = collection.input.value.trim();
    out.ttl = numberOrText(String(ttl.input.value));
    const keys = key.input.value.split(',').map((k) => k.trim()).filter(Boolean);
    if (keys.length) {
      out.key = keys;
    }
    const s = { ...scraper };
    SCRAPER_FIELDS.forEach((f) => delete s[f]);
    s.source = source.input.value.trim();
    if (scope.input.value.trim()) s.scope = scope.input.value.trim();
    if (paginate.input.value.trim()) s.paginate = paginate.input.value.trim();
    if (String(limit.input.value).trim()) s.limit = numberOrText(String(limit.input.value));
    if (String(delay.input.value).trim()) s.delayMs = numberOrText(String(delay.input.value));
    s.selector = {};
    for (const row of rows.querySelectorAll('tr.field-row')) {
      const name = row.querySelector('.field-name').value.trim();
      const text = row.querySelector('.field-selector').value.trim();
      const kind = row.querySelector('.field-kind').value;
      if (!name && !text) {
        continue;
      }
      if (kind === 'list') {
        s.selector[name] = [text];
      } else if (kind === 'json') {
        try {
          s.selector[name] = JSON.parse(text);
        } catch (e) {
          local.push({ field: 'scraper.selector.' + name, message: 'is not valid JSON: ' + e.message });
        }
      } else {
        s.selector[name] = text;
      }
    }
    out.scraper = s;
    return out;
  }

  function clearErrors() {
    container.querySelectorAll('.field-error').forEach((e) => {
      e.hidden = true;
      e.textContent = '';
    });
    container.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    replace(formErrors);
  }

  /** Shows each error next to the control its field names, the rest above the buttons. */
  function showErrors(errors, fallback) {
    clearErrors();
    const unplaced = [];
    for (const error of errors) {
      const field = error.field || '';
      let holder = null;
      for (let name = field; name; name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '') {
        holder = container.querySelector(`[data-field="${CSS.escape(name)}"]`);
        if (holder) break;
      }
      if (!holder) {
        unplaced.push(error);
        continue;
      }
      const place = holder.querySelector('.field-error');
      place.hidden = false;
      place.textContent = (place.textContent ? place.textContent + '; ' : '') + (field.startsWith('scraper.selector.') ? field.slice(17) + ': ' : '') + error.message;
      const input = holder.querySelector('input, select');
      if (input) input.setAttribute('aria-invalid', 'true');
    }
    if (unplaced.length || (errors.length === 0 && fallback)) {
      replace(
        formErrors,
        h('div', { class: 'message error', role: 'alert' }, fallback || 'The configuration is not valid:', unplaced.length ? h('ul', {}, unplaced.map((e) => h('li', {}, (e.field ? e.field + ': ' : '') + e.message))) : null),
      );
    }
  }

  let previewAbort = null;
  let previewSeq = 0;
  let retryTimer = null;

  async function runPreview() {
    clearTimeout(retryTimer);
    if (signal.aborted) {
      return; // the view is gone: a change typed just before leaving previews nothing
    }
    const local = [];
    const draft = body(local);
    if (!draft.scraper.source) {
      replace(preview, h('h2', { id: 'preview-title' }, 'Preview'), message('info', 'Give a source URL to see what the configuration extracts.'));
      return;
    }
    if (local.length) {
      showErrors(local);
      return;
    }
    // The collection and ttl are checked when saving; the preview needs only something valid.
    if (!draft.collection) draft.collection = 'preview';
    if (draft.ttl === '') draft.ttl = 300;
    if (previewAbort) previewAbort.abort();
    previewAbort = new AbortController();
    signal.addEventListener('abort', () => previewAbort.abort(), { once: true });
    const seq = ++previewSeq;
    preview.setAttribute('aria-busy', 'true');
    preview.classList.add('busy');
    try {
      const answer = await call('POST', '/configurations/preview', {
        body: draft,
        signal: previewAbort.signal,
        why: 'The preview fetches pages, so it needs the API token.',
        allow: [503],
      });
      if (seq !== previewSeq) return;
      if (answer.status === 503) {
        const wait = Number(answer.headers.get('Retry-After')) || 5;
        replace(preview, h('h2', { id: 'preview-title' }, 'Preview'), message('info', `Previews are busy; trying again in ${wait} s.`));
        retryTimer = setTimeout(runPreview, wait * 1000);
        return;
      }
      clearErrors();
      drawPreview(answer.body);
    } catch (error) {
      if (error.name === 'AbortError' || seq !== previewSeq) return;
      if (error instanceof ApiError && error.status === 400) {
        showErrors(error.errors, error.errors.length ? null : error.message);
        replace(preview, h('h2', { id: 'preview-title' }, 'Preview'), message('error', 'Fix the fields marked in the form to see a preview.'));
      } else {
        replace(preview, h('h2', { id: 'preview-title' }, 'Preview'), message('error', 'The preview failed: ' + error.message));
      }
    } finally {
      if (seq === previewSeq) {
        preview.setAttribute('aria-busy', 'false');
        preview.classList.remove('busy');
      }
    }
  }

  function drawPreview(report) {
    const matches = report.fieldMatches || {};
    const unmatched = new Set(report.unmatchedFields || []);
    const fields = Object.keys(matches);
    for (const row of rows.querySelectorAll('tr.field-row')) {
      const name = row.querySelector('.field-name').value.trim();
      const cell = row.querySelector('.matches');
      row.classList.toggle('unmatched', unmatched.has(name));
      replace(cell, name in matches ? (unmatched.has(name) ? h('span', { class: 'badge warn' }, 'matched nothing') : matches[name] + ' / ' + report.itemCount) : '');
    }
    const items = (report.items || []).slice(0, PREVIEW_ITEMS_SHOWN);
    const pages = report.pages || [];
    const errors = report.errors || [];
    replace(
      preview,
      h('h2', { id: 'preview-title' }, 'Preview'),
      h('p', { class: 'summary', 'data-testid': 'preview-summary' }, `${report.itemCount} item${report.itemCount === 1 ? '' : 's'} from ${pages.length} page${pages.length === 1 ? '' : 's'}` + (report.itemCount > items.length ? ` (first ${items.length} shown)` : '')),
      h(
        'table',
        { class: 'grid matches-table' },
        h('caption', {}, 'Field matches: items in which each field found a value'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Items with a value'))),
        h(
          'tbody',
          {},
          fields.map((f) =>
            h('tr', { class: unmatched.has(f) ? 'unmatched' : null, 'data-match-field': f }, h('th', { scope: 'row' }, f), h('td', { class: 'number' }, unmatched.has(f) ? h('span', { class: 'badge warn' }, '0 — matched nothing') : `${matches[f]} of ${report.itemCount}`)),
          ),
        ),
      ),
      errors.length ? h('div', { class: 'message error', role: 'alert' }, 'Errors:', h('ul', {}, errors.map((e) => h('li', {}, [e.reason, e.url, e.message].filter(Boolean).join(': '))))) : null,
      h(
        'table',
        { class: 'grid pages' },
        h('caption', {}, 'Pages fetched'),
        h('thead', {}, h('tr', {}, ['Page', 'Status', 'Bytes', 'Items', 'Problem'].map((l) => h('th', { scope: 'col' }, l)))),
        h(
          'tbody',
          {},
          pages.map((p) =>
            h('tr', { class: p.status === 'failed' ? 'failed' : null }, h('td', { class: 'url' }, p.finalUrl || p.url), h('td', {}, p.status + (p.truncated ? ' (truncated)' : '')), h('td', { class: 'number' }, p.bytes), h('td', { class: 'number' }, p.items), h('td', {}, [p.reason, p.message].filter(Boolean).join(': '))),
          ),
        ),
      ),
      items.length
        ? h(
            'table',
            { class: 'grid preview-items' },
            h('caption', {}, 'Items the configuration extracts'),
            h('thead', {}, h('tr', {}, fields.map((f) => h('th', { scope: 'col', class: unmatched.has(f) ? 'unmatched' : null }, f)))),
            h('tbody', {}, items.map((item) => h('tr', {}, fields.map((f) => h('td', { class: unmatched.has(f) ? 'unmatched' : null }, display(item[f])))))),
          )
        : message('info', 'No items: check the scope and the selectors.'),
    );
  }

  const schedule = debounce(runPreview, PREVIEW_DELAY_MS);
  function changed() {
    schedule();
  }

  async function save(event) {
    event.preventDefault();
    const local = [];
    const draft = body(local);
    if (local.length) {
      showErrors(local);
      return;
    }
    replace(saveStatus, message('info', 'Saving…'));
    try {
      const answer = id
        ? await call('PUT', '/configurations/' + encodeURIComponent(id), { body: draft, signal, why: 'Saving needs the API token.' })
        : await call('POST', '/configurations', { body: draft, signal, why: 'Saving needs the API token.' });
      clearErrors();
      replace(saveStatus, message('ok', id ? 'Saved.' : 'Created.'));
      const name = (answer.body && answer.body.collection) || draft.collection;
      location.hash = '#/items/' + encodeURIComponent(name) + '?saved=1';
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(saveStatus);
      if (error instanceof ApiError && error.status === 400) {
        showErrors(error.errors, error.errors.length ? null : error.message);
      } else {
        showErrors([], 'Not saved: ' + error.message);
      }
    }
  }

  const form = h(
    'form',
    { id: 'configuration-form', novalidate: true, onsubmit: save, oninput: changed, onchange: changed },
    h('fieldset', {}, h('legend', {}, 'Collection and schedule'), collection.wrapper, ttl.wrapper, key.wrapper),
    h('fieldset', {}, h('legend', {}, 'Pages'), source.wrapper, scope.wrapper, paginate.wrapper, limit.wrapper, delay.wrapper),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Fields'),
      fieldsTable,
      h('button', { type: 'button', id: 'add-field', onclick: () => { addRow().querySelector('.field-name').focus(); } }, 'Add field'),
    ),
    formErrors,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'save' }, id ? 'Save changes' : 'Create configuration'), h('a', { href: '#/configurations', class: 'button' }, 'Cancel')),
    saveStatus,
  );
  replace(
    container,
    h('h1', {}, id ? 'Edit configuration' : 'New configuration'),
    h('div', { class: 'editor' }, form, preview),
  );
  runPreview();
}
