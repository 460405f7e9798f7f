// استعلام سند: the national code as «شناسه» and the access code; the answer, its records and the letter's PDF.
import { fill, handle, number, rials, text, time } from './common.js';
import { table } from './lists.js';
import { call, member } from './office.js';

await member();
const types = Object.fromEntries((await call('GET', '/disclosure-types')).map((t) => [t.id, document.documentElement.lang === 'fa' ? t.title : t.title_en]));
const answerBox = document.getElementById('answer');

handle(document.getElementById('form'), async (v) => {
  answerBox.hidden = true;
  const found = await call('POST', '/institution/inquiries', { identifier: v.identifier, access_code: v.access_code });
  const s = found.records.summary;
  fill(answerBox, {
    name: `${found.first_name} ${found.last_name}`, national_code: found.national_code, tracking_number: found.tracking_number,
    type: types[found.type] || found.type, issued_at: time(found.issued_at), inquirable_until: time(found.inquirable_until),
    total_days: text('days', { days: number(s.total_days) }),
    service: text('service', { years: number(s.service.years), months: number(s.service.months), days: number(s.service.days) }),
    average: rials(s.average_monthly_wage_last_2_years),
  });
  const letter = document.getElementById('letter');
  letter.href = found.letter_url;
  letter.setAttribute('download', `${found.tracking_number}.pdf`);
  document.getElementById('records').replaceChildren(...found.records.workshops.map((w) => table(
    `${text('workshop')}: ${w.workshop_name} (${w.workshop_code}) — ${w.employer_name}`,
    [text('month'), text('days_col'), text('wage'), text('job')],
    [...w.months].sort((a, b) => a.month.localeCompare(b.month)).map((m) => [m.month, number(m.days), rials(m.wage), m.job_title || '—']))));
  answerBox.hidden = false;
  answerBox.focus();
});
