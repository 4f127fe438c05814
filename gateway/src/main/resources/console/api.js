// Calls of the gateway's public APIs: /api (collections, items) and /configurations (relayed to
// config-discovery). The API token is asked for when a write answers 401, kept in sessionStorage
// only, and sent to this origin alone.

const TOKEN_KEY = 'scrapr.apiToken';
const listeners = new Set();
let pendingAsk = null;

/** Returns the token of this browser session, or null. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps a token for this browser session; null or empty forgets it. */
export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
  listeners.forEach((listener) => listener(token()));
}

/** Calls a listener whenever the token changes. */
export function onToken(listener) {
  listeners.add(listener);
}

/**
 * Opens the token dialog and resolves with the token given, or null when cancelled. Requests that
 * meet a 401 at the same time share one dialog.
 */
export function askToken(why) {
  if (pendingAsk) {
    return pendingAsk;
  }
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  const form = document.getElementById('token-form');
  const cancel = document.getElementById('token-cancel');
  document.getElementById('token-why').textContent =
    (why ? why + ' ' : '') +
    'It is kept in this browser tab only (sessionStorage) and sent to this gateway alone.';
  input.value = '';
  pendingAsk = new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) {
        dialog.close();
      }
      pendingAsk = null;
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        return;
      }
      setToken(value);
      done(value);
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(null);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    input.focus();
  });
  return pendingAsk;
}

/** An answer that is not a success, with its problem+json body when it had one. */
export class ApiError extends Error {
  constructor(status, problem, path) {
    const detail = problem && (problem.detail || problem.title);
    super(detail ? `${detail} (HTTP ${status})` : `HTTP ${status} from ${path}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

async function parse(response) {
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 204 || response.status === 304) {
    return null;
  }
  if (type.includes('json')) {
    return response.json();
  }
  return response.text();
}

/**
 * Sends a request and returns {status, body, headers}; a 401 asks for the token and tries once
 * more with it; any other failure throws an ApiError.
 *
 * @param {string} method the HTTP method
 * @param {string} path the path on this origin, with its query
 * @param {object} [options] body (sent as JSON), signal (to abort), why (shown when asking the
 *     token), allow (statuses returned rather than thrown)
 */
export async function call(method, path, options = {}) {
  const { body, signal, why, allow = [] } = options;
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: 'application/json' };
    const current = token();
    if (current) {
      headers.Authorization = 'Bearer ' + current;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'omit',
    });
    if (response.status === 401 && attempt === 0) {
      if (current) {
        setToken(null);
      }
      const given = await askToken(
        why || (current ? 'The token was refused; give the right one.' : 'This needs the API token.'),
      );
      if (given) {
        continue;
      }
    }
    const parsed = await parse(response);
    if (response.ok || response.status === 304 || allow.includes(response.status)) {
      return { status: response.status, body: parsed, headers: response.headers };
    }
    throw new ApiError(response.status, typeof parsed === 'object' ? parsed : null, path);
  }
}

/** GETs JSON from a path. */
export async function get(path, options) {
  return (await call('GET', path, options)).body;
}
