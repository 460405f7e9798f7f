// One objection: take it into review, then decide; an acceptance writes the months entered in the Jalali grid.
import { fill, go, handle, param, refuse, show, text } from './common.js';
import { everything } from './lists.js';
import { call, confirmFirst, leave, member, notice } from './office.js';

const who = await member('records_officer');
const code = param('tc');
let found = null;
for (const status of ['under_review', 'submitted']) found ||= (await everything(`/staff/objections?status=${status}`)).find((o) => o.tracking_code === code);
if (!found) await leave('objections.html');
if (param('done')) notice(param('done'));
const period = found.from_month ? `${found.from_month} – ${found.to_month || found.from_month}` : '—';
fill(document, { ...found, kind: text('objection.' + found.kind), status: text('status.' + found.status),
  workshop: [found.workshop_name, found.workshop_code].filter(Boolean).join(' — ') || '—', period, days: found.days ?? '—' });

const review = document.getElementById('review');
const form = document.getElementById('form');
if (found.status === 'submitted') review.hidden = false;
if (found.status === 'under_review' && found.assigned_to === who.staff_id) form.hidden = false;
handle(review, async () => {
  await call('POST', `/staff/objections/${encodeURIComponent(code)}/review`);
  go(`objection.html?tc=${encodeURIComponent(code)}&done=review`);
});

const year = form.elements.year;
year.value = show((found.from_month || '').slice(0, 4));
const caption = () => { document.querySelector('[data-show=grid_caption]').textContent = text('grid_caption', { year: year.value || '—' }); };
year.addEventListener('input', caption);
caption();
form.elements.workshop_code.value = show(found.workshop_code || '');
form.elements.workshop_name.value = found.workshop_name || '';

handle(form, async (v) => {
  if (!v.outcome) { refuse(form, { outcome: 'NEED_OUTCOME' }); return; }
  const corrections = [];
  if (v.outcome === 'accepted') {
    for (let n = 1; n <= 12; n += 1) {
      const days = v['days_' + n];
      if (days === '') continue;
      if (!/^\d{4}$/.test(v.year)) { refuse(form, { year: 'BAD_YEAR' }); return; }
      if (!/^\d{1,2}$/.test(days) || Number(days) > 31) { refuse(form, { corrections: 'BAD_DAYS' }); return; }
      corrections.push({ workshop_code: v.workshop_code, workshop_name: v.workshop_name, employer_name: v.employer_name,
        month: `${v.year}/${String(n).padStart(2, '0')}`, days: Number(days), wage: v['wage_' + n] === '' ? 0 : Number(v['wage_' + n]),
        job_title: v.job_title });
    }
    if (corrections.length && (!v.workshop_code || !v.workshop_name)) { refuse(form, { workshop_code: 'NEED_WORKSHOP' }); return; }
  }
  confirmFirst({ question: v.outcome === 'accepted' ? 'accept_objection' : 'reject_objection', method: 'POST',
    path: `/staff/objections/${encodeURIComponent(code)}/decision`, body: { outcome: v.outcome, note: v.note, corrections },
    facts: [[text('tracking'), code], ...corrections.map((c) => [c.month, text('days', { days: c.days })])],
    next: 'objections.html?done=decision' });
});
