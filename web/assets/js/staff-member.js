// One member: change their roles (their sessions end), or disable them behind a confirmation page.
import { fill, go, handle, param, refuse, text } from './common.js';
import { everything } from './lists.js';
import { call, confirmFirst, latin, leave, member } from './office.js';
import { check, chosen } from './staff-roles.js';

await member('admin');
const id = param('id');
const found = (await everything('/staff/members')).find((m) => m.staff_id === id);
if (!found) await leave('members.html');
fill(document, { ...found, status: text('status.' + found.status) });
document.querySelector('[data-show=username]').replaceChildren(latin(found.username));
document.querySelector('[data-active]').hidden = found.status === 'disabled';
const form = document.getElementById('form');
check(form, found.roles, found.branch_id);
handle(form, async (v) => {
  const body = chosen(v);
  if (!body.roles.length) { refuse(form, { roles: 'NEED_ROLE' }); return; }
  await call('PUT', '/staff/members/' + encodeURIComponent(id), body);
  go('members.html?done=roles');
});
document.getElementById('disable').addEventListener('click', (event) => {
  event.preventDefault();
  confirmFirst({ question: 'disable_member', method: 'DELETE', path: '/staff/members/' + encodeURIComponent(id),
    facts: [[text('username'), found.username, true], [text('name'), found.full_name]], next: 'members.html?done=disabled' });
});
