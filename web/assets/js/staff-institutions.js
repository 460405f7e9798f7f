// Institutions by status, and a form to add one.
import { el, go, handle, param, text, time } from './common.js';
import { table } from './lists.js';
import { call, member, notice } from './office.js';

await member('institution_manager');
if (param('done')) notice(param('done'));
const status = param('status') === 'disabled' ? 'disabled' : 'active';
const answer = await call('GET', `/staff/institutions?status=${status}&limit=100`);
document.getElementById('list').replaceChildren(table(text('status.' + status),
  [text('name'), text('kind'), text('created')],
  answer.items.map((i) => [el('a', { href: `institution.html?id=${encodeURIComponent(i.institution_id)}`, text: i.name }),
    text('itype.' + i.type), time(i.created_at)])));
const form = document.getElementById('form');
handle(form, async (v) => {
  const added = await call('POST', '/staff/institutions', { name: v.name, type: v.type }, { key: form.dataset.key ||= crypto.randomUUID() });
  go(`institution.html?id=${encodeURIComponent(added.institution_id)}&done=institution`);
});
