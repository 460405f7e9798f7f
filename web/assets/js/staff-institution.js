// One institution: its keys (a new secret is shown once, on its own page), its officers, and disabling it.
import { el, fill, go, handle, param, text } from './common.js';
import { everything, table } from './lists.js';
import { call, confirmFirst, latin, leave, member, notice } from './office.js';

await member('institution_manager');
if (param('done')) notice(param('done'));
const id = param('id');
let found = null;
for (const status of ['active', 'disabled']) found ||= (await everything(`/staff/institutions?status=${status}`)).find((i) => i.institution_id === id);
if (!found) await leave('institutions.html');
const here = `institution.html?id=${encodeURIComponent(id)}`;
fill(document, { ...found, type: text('itype.' + found.type), status: text('status.' + found.status) });
const active = found.status === 'active';
document.querySelector('[data-active]').hidden = !active;
document.getElementById('keys').replaceChildren(table(text('key'), [text('key'), ''], found.key_ids.map((keyId) => {
  const revoke = el('button', { type: 'button', class: 'link', text: text('revoke') });
  revoke.addEventListener('click', () => confirmFirst({ question: 'revoke_key', method: 'DELETE',
    path: `/staff/institutions/${encodeURIComponent(id)}/keys/${encodeURIComponent(keyId)}`,
    facts: [[text('name'), found.name], [text('key'), keyId, true]], next: here + '&done=revoked' }));
  return [latin(keyId), active ? revoke : '—'];
})));
handle(document.getElementById('issue'), async () => {
  const issued = await call('POST', `/staff/institutions/${encodeURIComponent(id)}/keys`);
  sessionStorage.setItem('issued-key', JSON.stringify({ ...issued, institution_id: id }));
  go('key.html');
});
const form = document.getElementById('form');
handle(form, async (v) => {
  const added = await call('POST', `/staff/institutions/${encodeURIComponent(id)}/officers`, { username: v.username, full_name: v.full_name });
  sessionStorage.setItem('enrolment-link', JSON.stringify({ link: `${form.dataset.panelOrigin || location.origin}/institution/enrol.html?id=${added.enrolment_id}`, back: here }));
  go('enrolment.html');
});
document.getElementById('disable').addEventListener('click', (event) => {
  event.preventDefault();
  confirmFirst({ question: 'disable_institution', method: 'POST', path: `/staff/institutions/${encodeURIComponent(id)}/disable`,
    facts: [[text('name'), found.name]], next: here + '&done=disabled' });
});
