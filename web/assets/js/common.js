// What every page shares: calling the API, digits, dates and times, forms with their error summary, the idle warning.
const body = document.body;
export const lang = body.dataset.lang;
export const base = body.dataset.base;
export const T = JSON.parse(document.getElementById('texts').textContent);
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹', ARABIC = '٠١٢٣٤٥٦٧٨٩';

export const url = (path) => base + path;
export const go = (path) => { location.assign(url(path)); };
export const param = (name) => new URLSearchParams(location.search).get(name);
export const text = (key, values = {}) => show(String(T[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => values[k] ?? ''));

/** Any of the three digit scripts to ASCII, for what is sent to the API. */
export function ascii(value) {
  return String(value).replace(/[۰-۹]/g, (d) => PERSIAN.indexOf(d)).replace(/[٠-٩]/g, (d) => ARABIC.indexOf(d));
}

/** Digits as the reader reads them: Persian on Persian pages, except inside Latin codes, emails and hashes, which
 * the person copies or types back exactly as issued. */
export function show(value) {
  const s = String(value ?? '');
  return lang === 'fa' && !/[A-Za-z]/.test(s) ? s.replace(/[0-9]/g, (d) => PERSIAN[d]) : s;
}

const locale = lang === 'fa' ? 'fa-IR' : 'en-GB';
export const number = (n) => new Intl.NumberFormat(locale).format(n);
export const rials = (n) => (n === null || n === undefined ? '—' : text('rials', { amount: number(n) }));
const timeFormat = new Intl.DateTimeFormat(locale + (lang === 'fa' ? '-u-ca-persian' : ''),
  { timeZone: 'Asia/Tehran', dateStyle: 'medium', timeStyle: 'short' });
/** An instant as a person in Iran reads it: Asia/Tehran, Persian calendar on Persian pages. */
export const time = (iso) => (iso ? timeFormat.format(new Date(iso)) : '—');

export class ApiError extends Error {
  constructor(status, error, headers) {
    super(error.message || String(status));
    this.status = status;
    this.code = error.code;
    this.fields = error.fields || {};
    this.detail = error;
    this.retryAfter = Number(headers.get('Retry-After') || 0);
  }
}

function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sends JSON to the API on this origin with the session cookie; creates carry an Idempotency-Key. */
export async function api(method, path, payload, { key, accept } = {}) {
  const headers = { 'Accept-Language': lang, 'X-Tamin-Client': 'web', Accept: accept || 'application/json' };
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  let response;
  try {
    response = await fetch('/api' + path, { method, headers, credentials: 'same-origin', body: payload === undefined ? undefined : JSON.stringify(payload) });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: T.network }, new Headers());
  }
  if (response.ok) {
    if (accept === 'application/pdf') return response.blob();
    return response.status === 204 ? null : response.json();
  }
  const data = await response.json().catch(() => ({}));
  const error = new ApiError(response.status, data.error || { code: 'UNKNOWN', message: T.unknown }, response.headers);
  if (response.status === 401 && body.dataset.auth === 'yes') go('session-ended.html');
  if (response.status === 503 && method === 'GET') go('503.html');
  throw error;
}

/** Keeps an idempotency key per form until it succeeds, so a double submit or a retry creates nothing twice. */
export function onceKey(form) {
  form.dataset.key ||= newKey();
  return form.dataset.key;
}

const summary = () => document.getElementById('error-summary');

export function clearErrors(form) {
  summary().hidden = true;
  summary().querySelector('ul').replaceChildren();
  summary().querySelector('p').textContent = '';
  for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
  for (const el of form.querySelectorAll('.field--error')) el.classList.remove('field--error');
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** The message of one field code: the field's own wording when the catalogue has one, else the API's message. */
function fieldMessage(name, code, fallback) {
  return T['field.' + name + '.' + code] || T['code.' + code] || fallback;
}

/** GOV.UK's error summary: at the top, focused, each entry a link to its field; the field's message beside it. */
export function showErrors(form, error) {
  const list = summary().querySelector('ul');
  list.replaceChildren();
  const add = (message, target) => {
    const li = document.createElement('li');
    const a = document.createElement(target ? 'a' : 'span');
    if (target) a.href = '#' + target;
    a.textContent = show(message);
    li.append(a);
    list.append(li);
  };
  const fields = Object.entries(error.fields || {});
  const placed = [];
  for (const [name, code] of fields) {
    const group = form.querySelector(`[data-field="${name}"]`);
    const message = fieldMessage(name, code, error.message);
    if (group) {
      const input = group.querySelector('input, select, textarea');
      group.classList.add('field--error');
      const slot = group.querySelector('.field-error');
      slot.textContent = show(message);
      slot.hidden = false;
      if (input) input.setAttribute('aria-invalid', 'true');
      placed.push([message, input ? input.id : group.id]);
    } else placed.push([message, null]);
  }
  summary().querySelector('p').textContent = show(error.message);
  for (const [message, target] of placed) add(message, target);
  summary().hidden = false;
  summary().focus();
}

/** Wires a form: nothing typed is lost, the button is disabled while sending, and errors are shown the GOV.UK way. */
export function handle(form, submit) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    clearErrors(form);
    const button = form.querySelector('button[type=submit]');
    form.dataset.busy = '1';
    if (button) button.setAttribute('aria-disabled', 'true');
    try {
      await submit(values(form));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'TOO_MANY_ATTEMPTS' && error.retryAfter) {
        error.message += ' ' + text('wait_minutes', { minutes: Math.ceil(error.retryAfter / 60) });
      }
      showErrors(form, error);
    } finally {
      delete form.dataset.busy;
      if (button) button.removeAttribute('aria-disabled');
    }
  });
}

/** A form's values with digits made ASCII (never for passwords, which are sent exactly as typed). */
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'radio') { if (el.checked) out[el.name] = el.value; else if (!(el.name in out)) out[el.name] = null; continue; }
    if (el.type === 'checkbox') { out[el.name] = el.checked; continue; }
    if (el.type === 'file') { out[el.name] = el.files[0] || null; continue; }
    out[el.name] = el.type === 'password' ? el.value : ascii(el.value).trim();
  }
  return out;
}

/** A Jalali day from its three fields, as the API wants it: "1365/04/12". */
export function jalaliDay(v, name) {
  const [y, m, d] = [v[name + '_year'], v[name + '_month'], v[name + '_day']];
  if (!y && !m && !d) return '';
  return `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
}

/** Local-only checks a form makes before sending: shown exactly like the API's own refusals. */
export function refuse(form, fields) {
  showErrors(form, { message: T.check_fields, fields });
}

export function fill(root, data) {
  for (const el of root.querySelectorAll('[data-show]')) {
    const value = data[el.dataset.show];
    el.textContent = value === null || value === undefined || value === '' ? '—' : show(value);
  }
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = show(v); else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

export const saved = {
  get: (name) => JSON.parse(sessionStorage.getItem(name) || 'null'),
  set: (name, value) => sessionStorage.setItem(name, JSON.stringify(value)),
  drop: (name) => sessionStorage.removeItem(name),
};

/** Puts back what the person typed on an earlier visit to this step (never passwords). */
export function restore(form, data) {
  for (const [name, value] of Object.entries(data || {})) {
    for (const input of form.querySelectorAll(`[name="${name}"]`)) {
      if (input.type === 'password') continue;
      if (input.type === 'radio') input.checked = input.value === value;
      else if (input.type === 'checkbox') input.checked = Boolean(value);
      else input.value = value ?? '';
    }
  }
}

export function errorPanel(error) {
  const main = document.getElementById('content');
  main.replaceChildren(el('p', { class: 'notice', role: 'alert', text: error.message }));
}

// A page whose data could not be read says so in place of its content, in the API's own words.
function unreadable(reason) {
  if (!(reason instanceof ApiError)) return false;
  if (reason.status !== 401) errorPanel(reason);
  return true;
}
window.addEventListener('unhandledrejection', (event) => { if (unreadable(event.reason)) event.preventDefault(); });
window.addEventListener('error', (event) => { if (unreadable(event.error)) event.preventDefault(); });

// The idle warning: two minutes before the idle logout a dialog offers to stay. `left` answers the seconds left
// ({idle_expires_in}, the sooner of the idle and the absolute end) and is not activity; `stay` is; `ended` runs once
// the time is up.
const WARN_AT = 120;
export function warnBeforeIdle({ left, stay, ended }) {
  const dialog = document.getElementById('idle');
  dialog.querySelector('[data-stay]').addEventListener('click', async () => { dialog.close(); await stay(); });
  async function watch() {
    let times;
    try { times = await left(); } catch { return; }
    const idle = times.idle_expires_in;
    if (idle <= 0) { ended(); return; }
    if (idle <= WARN_AT && !dialog.open) {
      dialog.querySelector('[data-show=minutes]').textContent = show(Math.max(1, Math.ceil(idle / 60)));
      dialog.showModal();
    }
    setTimeout(watch, Math.max(5, Math.min(idle - WARN_AT, 60)) * 1000);
  }
  setTimeout(watch, 1000);
}

if (body.dataset.auth === 'yes') {
  warnBeforeIdle({ left: () => api('GET', '/me/session'), stay: () => api('GET', '/me'), ended: () => go('session-ended.html') });
  const logout = document.getElementById('logout');
  logout.addEventListener('submit', async (event) => {
    event.preventDefault();
    await api('POST', '/auth/logout').catch(() => null);
    go('login.html');
  });
}

// A chosen file's name beside its field, in the page's language rather than the browser's.
for (const input of document.querySelectorAll('.file-input')) {
  input.addEventListener('change', () => {
    input.closest('.drop').querySelector('[data-file-name]').textContent = input.files[0] ? input.files[0].name : T.no_file;
  });
}
