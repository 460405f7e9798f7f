// The records officer's queue, oldest first.
import { el, param, text, time } from './common.js';
import { table } from './lists.js';
import { call, member, notice } from './office.js';

await member('records_officer');
if (param('done')) notice(param('done'));
const status = param('status') === 'under_review' ? 'under_review' : 'submitted';
const answer = await call('GET', `/staff/objections?status=${status}&limit=100`);
document.getElementById('list').replaceChildren(table(text('status.' + status),
  [text('tracking'), text('person'), text('kind'), text('submitted'), ''],
  answer.items.map((o) => [el('bdi', { dir: 'ltr', text: o.tracking_code }), el('bdi', { dir: 'ltr', text: o.national_code_masked }),
    text('objection.' + o.kind), time(o.submitted_at),
    el('a', { href: `objection.html?tc=${encodeURIComponent(o.tracking_code)}&status=${status}`, text: text('view') })])));
