// The dependents waiting for a branch: documents received, or another insured already covers them.
import { el, param, text, time } from './common.js';
import { table } from './lists.js';
import { call, member } from './office.js';

await member('branch_officer');
const status = param('status') === 'branch_review' ? 'branch_review' : 'submitted';
const answer = await call('GET', `/staff/dependents?status=${status}&limit=100`);
document.getElementById('list').replaceChildren(table(text('status.' + status),
  [text('person'), text('relation'), text('submitted'), ''],
  answer.items.map((d) => [el('bdi', { dir: 'ltr', text: d.insured_national_code_masked }), text('relation.' + d.relation), time(d.created_at),
    el('a', { href: `dependent.html?id=${encodeURIComponent(d.dependent_id)}`, text: text('view') })])));
