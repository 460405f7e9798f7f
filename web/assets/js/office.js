// What the back office's and the panel's pages share: the signed-in member in the bar, logout, the idle warning,
// enrolment and sign-in with a TOTP code, the confirmation page's pending action, and Jalali days for filters.
import { api, base, el, go, handle, param, saved, show, text, warnBeforeIdle } from './common.js';

export const realm = base.startsWith('/staff/') ? 'staff' : 'institution';
const root = realm === 'staff' ? '/staff' : '/institution';

/** A Latin identifier (username, key or staff id, action): left to right, its digits exactly as they are. */
export function latin(value, tag = 'bdi', attrs = {}) {
  const node = el(tag, { dir: 'ltr', ...attrs });
  node.textContent = value ?? '—';
  return node;
}

/** Goes to another page; the promise never settles, so the rest of the module waits for the page to go away. */
export function leave(path) {
  go(path);
  return new Promise(() => {});
}

// The members' sessions have no read of the time left that is not itself activity, so the pages count it: from
// the sign-in (absolute) and from the last call the API answered (idle), in localStorage so every tab counts alike.
// The idle time the build writes on the dialog is the API's less the interval at which it records activity.
const SIGNED_IN = realm + '-signed-in-at', ACTIVE = realm + '-active-at';
const mark = (...keys) => { for (const key of keys) localStorage.setItem(key, String(Date.now())); };
const since = (key) => (Date.now() - Number(localStorage.getItem(key) || Date.now())) / 1000;

function sessionLeft() {
  const limits = document.getElementById('idle').dataset;
  const idle = Number(limits.idle) - since(ACTIVE), absolute = Number(limits.absolute) - since(SIGNED_IN);
  return { expires_in: Math.floor(absolute), idle_expires_in: Math.floor(Math.min(idle, absolute)) };
}

/** An API call from a signed-in page: a session that has ended sends the member back to sign in. */
export async function call(method, path, payload, options) {
  try {
    const answer = await api(method, path, payload, options);
    mark(ACTIVE);
    return answer;
  } catch (error) {
    if (error.status === 401) return leave('index.html?ended=1');
    if (error.status) mark(ACTIVE);
    throw error;
  }
}

async function signOut(next) {
  await api('POST', root + '/auth/logout').catch(() => null);
  go(next);
}

/** The signed-in member, shown in the bar with a logout button; `roles` the page serves, refused with a note. */
export async function member(...roles) {
  const who = await call('GET', root + '/me');
  const bar = document.getElementById('who');
  bar.querySelector('[data-who]').textContent = show(who.full_name);
  bar.hidden = false;
  document.getElementById('logout').addEventListener('submit', (event) => {
    event.preventDefault();
    signOut('index.html');
  });
  warnBeforeIdle({ left: async () => sessionLeft(), stay: () => call('GET', root + '/me'), ended: () => signOut('index.html?ended=1') });
  if (roles.length && !roles.some((role) => (who.roles || []).includes(role))) {
    document.getElementById('content').replaceChildren(el('p', { class: 'notice', role: 'alert', text: text('forbidden') }));
    return new Promise(() => {});
  }
  return who;
}

/** The sign-in form: username, password and the authenticator's current code, into an HttpOnly cookie. */
export function login(next) {
  if (param('ended')) document.getElementById('ended').hidden = false;
  if (param('enrolled')) document.getElementById('enrolled').hidden = false;
  handle(document.getElementById('form'), async (v) => {
    try {
      await api('POST', root + '/auth/login', { username: v.username, password: v.password, totp_code: v.totp_code, cookie: true });
    } catch (error) {
      if (error.code === 'INVALID_CREDENTIALS') error.fields = { totp_code: 'INVALID_CREDENTIALS' };
      throw error;
    }
    mark(SIGNED_IN, ACTIVE);
    go(next);
  });
}

/** Enrolment, step one: the password; the TOTP secret it answers waits in sessionStorage for step two only. */
export function enrol() {
  const id = param('id');
  const form = document.getElementById('form');
  if (!id) { document.getElementById('content').replaceChildren(el('p', { class: 'notice', role: 'alert', text: text('no_enrolment') })); return; }
  handle(form, async (v) => {
    const answer = await api('POST', `${root}/enrolments/${encodeURIComponent(id)}`, { password: v.password, password_repeat: v.password_repeat });
    saved.set('enrolment', { id, secret: answer.totp_secret, uri: answer.otpauth_uri });
    go('enrol-secret.html');
  });
}

/** Enrolment, step two: the secret as a QR code drawn here from the otpauth URI, and as text; then a first code. */
export async function enrolSecret() {
  const pending = saved.get('enrolment');
  if (!pending) { document.getElementById('content').replaceChildren(el('p', { class: 'notice', role: 'alert', text: text('secret_gone') })); return; }
  const { generate } = await import('/assets/vendor/lean-qr-2.7.4.js');
  generate(pending.uri).toCanvas(document.getElementById('qr'));
  document.getElementById('secret').textContent = pending.secret.replace(/(.{4})(?=.)/g, '$1 ');
  handle(document.getElementById('form'), async (v) => {
    await api('POST', `${root}/enrolments/${encodeURIComponent(pending.id)}/confirm`, { totp_code: v.totp_code });
    saved.drop('enrolment');
    go('index.html?enrolled=1');
  });
}

/** A destructive action waits on the confirmation page: what it asks, the facts it shows ([name, value, latin]),
 * the call it makes. */
export function confirmFirst(action) {
  saved.set('pending-action', { ...action, back: location.pathname + location.search });
  go('confirm.html');
}

export const pendingAction = () => saved.get('pending-action');

/** A one-line note at the top of the page after an action, announced to screen readers. */
export function notice(key) {
  const line = el('p', { class: 'panel', role: 'status', text: text('done.' + key) });
  document.getElementById('main').querySelector('h1').after(line);
}

// Jalali (Solar Hijri) to Gregorian, for the audit filter's days (the algorithm of jalaali-js, MIT).
function div(a, b) { return Math.trunc(a / b); }
const BREAKS = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];
function jalCal(jy) {
  let jp = BREAKS[0], jump = 0, leapJ = -14;
  for (let i = 1; i < BREAKS.length; i += 1) {
    const jm = BREAKS[i];
    jump = jm - jp;
    if (jy < jm) break;
    leapJ += div(jump, 33) * 8 + div(jump % 33, 4);
    jp = jm;
  }
  const n = jy - jp;
  leapJ += div(n, 33) * 8 + div((n % 33) + 3, 4);
  if (jump % 33 === 4 && jump - n === 4) leapJ += 1;
  const gy = jy + 621;
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  return { gy, march: 20 + leapJ - leapG };
}
function g2d(gy, gm, gd) {
  let d = div((gy + div(gm - 8, 6) + 100100) * 1461, 4) + div(153 * ((gm + 9) % 12) + 2, 5) + gd - 34840408;
  return d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
}
function d2g(jdn) {
  let j = 4 * jdn + 139361631;
  j += div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
  const i = div(j % 1461, 4) * 5 + 308;
  const gd = div(i % 153, 5) + 1, gm = (div(i, 153) % 12) + 1, gy = div(j, 1461) - 100100 + div(8 - gm, 6);
  return [gy, gm, gd];
}
/** "1405/09/02" → "2026-11-23"; empty for an empty or impossible day. */
export function gregorian(jalali) {
  const [jy, jm, jd] = jalali.split('/').map(Number);
  if (!jy || !jm || !jd || jm > 12 || jd > 31) return '';
  const { gy, march } = jalCal(jy);
  const [y, m, d] = d2g(g2d(gy, 3, march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

