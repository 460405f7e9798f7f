// تامین اجتماعی من: who is signed in, their masked contacts, and every request with its status.
import { api, el, fill, text, time } from './common.js';
import { table } from './lists.js';

const me = await api('GET', '/me');
fill(document, { ...me, name: `${me.first_name} ${me.last_name}` });
const box = document.getElementById('requests');
try {
  const { items } = await api('GET', '/me/requests');
  box.replaceChildren(table(text('tracking'), [text('kind'), text('tracking'), text('outcome'), text('submitted')],
    items.map((r) => [text('request.' + r.kind), r.tracking_code, text('status.' + r.status), time(r.submitted_at)])));
} catch (error) {
  box.replaceChildren(el('p', { class: 'notice', text: error.message }));
}
