// Staff members and their roles; adding one answers the one-time enrolment link.
import { el, go, handle, param, refuse, text } from './common.js';
import { everything, table } from './lists.js';
import { call, latin, member, notice } from './office.js';
import { chosen } from './staff-roles.js';

await member('admin');
if (param('done')) notice(param('done'));
const members = await everything('/staff/members');
document.getElementById('list').replaceChildren(table(text('name'), [text('username'), text('name'), text('role'), text('status')],
  members.map((m) => [latin(m.username, 'a', { href: `member.html?id=${encodeURIComponent(m.staff_id)}` }), m.full_name,
    m.roles.map((role) => text('role.' + role)).join('، '), text('status.' + m.status)])));
const form = document.getElementById('form');
handle(form, async (v) => {
  const body = { username: v.username, full_name: v.full_name, ...chosen(v) };
  if (!body.roles.length) { refuse(form, { roles: 'NEED_ROLE' }); return; }
  const added = await call('POST', '/staff/members', body);
  sessionStorage.setItem('enrolment-link', JSON.stringify({ link: `${location.origin}/staff/enrol.html?id=${added.enrolment_id}`, back: location.pathname }));
  go('enrolment.html');
});
