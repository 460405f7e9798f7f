// The audit trail, newest first, filtered by member, national code and Jalali days (sent as Gregorian days).
import { T, el, handle, jalaliDay, param, refuse, restore, text, time } from './common.js';
import { table } from './lists.js';
import { call, gregorian, latin, member } from './office.js';

await member('auditor');
const form = document.getElementById('form');
const list = document.getElementById('list');

async function show(v) {
  const query = new URLSearchParams({ limit: '100' });
  if (v.actor) query.set('actor', v.actor);
  if (v.national_code) query.set('national_code', v.national_code);
  for (const name of ['from', 'to']) {
    const day = jalaliDay(v, name);
    if (!day) continue;
    const iso = gregorian(day);
    if (!iso) { refuse(form, { [name]: 'INVALID_DATE' }); return; }
    query.set(name, iso);
  }
  const answer = await call('GET', '/staff/audit?' + query);
  list.replaceChildren(table(text('when'), [text('when'), text('role'), text('branch'), text('action'), text('person'), text('target'), text('outcome')],
    answer.items.map((e) => [time(e.at), el('span', {}, text('role.' + e.role), el('br'), latin(e.staff_id, 'bdi', { class: 'hash' })),
      e.branch_id || '—', ('action.' + e.action) in T ? text('action.' + e.action) : latin(e.action), e.national_code_masked ? el('bdi', { dir: 'ltr', text: e.national_code_masked }) : '—',
      e.target ? latin(e.target) : '—', e.outcome || '—'])));
}

handle(form, async (v) => {
  history.replaceState(null, '', '?' + new URLSearchParams(Object.entries(v).filter(([, value]) => value)));
  await show(v);
});
const initial = Object.fromEntries(new URLSearchParams(location.search));
restore(form, initial);
await show({ actor: param('actor') || '', national_code: param('national_code') || '', ...initial });
