// تامین اجتماعی من: who is signed in, their masked contacts, and every request with its status.
import { api, el, fill, text, time } from './common.js';

const me = await api('GET', '/me');
fill(document, { ...me, name: `${me.first_name} ${me.last_name}` });
const box = document.getElementById('requests');
try {
  const { items } = await api('GET', '/me/requests');
  box.replaceChildren(items.length ? el('ul', { class: 'items' }, ...items.map((r) => el('li', {},
    el('strong', { text: `${text('request.' + r.kind)}: ${text('status.' + r.status)}` }),
    el('span', { class: 'meta' }, el('span', { text: `${text('tracking')}: ` }), el('bdi', { text: r.tracking_code })),
    el('span', { class: 'meta', text: `${text('submitted')}: ${time(r.submitted_at)}` })))) : el('p', { text: text('none') }));
} catch (error) {
  box.replaceChildren(el('p', { class: 'notice', text: error.message }));
}
