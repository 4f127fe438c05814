// Small DOM helpers: elements are built with h(), never from HTML strings, so no value read from
// an API is ever parsed as markup.

/**
 * Creates an element.
 *
 * @param {string} tag the tag name
 * @param {object} [attrs] attributes; `on<event>` keys add listeners, `class` sets the class,
 *     boolean true sets an empty attribute, false/null/undefined omits it
 * @param {...*} children nodes, strings, numbers, or arrays of them; null is skipped
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked') {
      element.checked = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** Shows a value in a table cell: lists joined, objects as JSON, null as an empty cell. */
export function display(value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : v)).join(', ');
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

/** Formats an ISO instant in the browser's time zone, or a dash. */
export function when(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toLocaleString();
}

/** Returns a function that calls fn once calls have stopped for `ms`. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A message line: kind is 'info', 'error' or 'ok'. */
export function message(kind, text) {
  return h('p', { class: 'message ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}
