// صندوق شخصی: the letters, newest first, and how full the mailbox is.
import { api, el, number, text, time, url } from './common.js';

const list = [];
let cursor = null;
let quota;
do {
  const page = await api('GET', '/me/mailbox?' + new URLSearchParams(cursor ? { limit: '100', cursor } : { limit: '100' }));
  list.push(...page.items);
  quota = page.quota;
  cursor = page.next_cursor;
} while (cursor);
const kb = (bytes) => number(Math.ceil(bytes / 1024));
document.getElementById('quota-text').textContent = text('quota', { used: kb(quota.used_bytes), limit: kb(quota.limit_bytes) });
const meter = document.getElementById('quota');
meter.max = quota.limit_bytes;
meter.value = quota.used_bytes;
const permit = (i) => (i.permit_status === 'active' ? text('permit.active', { until: time(i.inquirable_until) }) : text('permit.' + i.permit_status));
document.getElementById('list').replaceChildren(list.length ? el('ul', { class: 'items' }, ...list.map((i) => el('li', {},
  el('a', { href: url('mailbox/letter.html') + '?tn=' + encodeURIComponent(i.tracking_number), text: i.subject }),
  el('span', { class: 'meta', text: `${time(i.sent_at)} · ${i.tracking_number}${i.viewed_at ? '' : ' · ' + text('not_viewed')}` }),
  el('span', { class: 'meta', text: permit(i) })))) : el('p', { text: text('none') }));
