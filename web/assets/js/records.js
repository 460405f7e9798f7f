// سوابق بیمه: the summary, then one section per Jalali year with each workshop's months.
import { api, el, fill, number, rials, text } from './common.js';
import { table } from './lists.js';

const records = await api('GET', '/me/records');
const s = records.summary;
fill(document, {
  total_days: text('days', { days: number(s.total_days) }),
  service: text('service', { years: number(s.service.years), months: number(s.service.months), days: number(s.service.days) }),
  average: rials(s.average_monthly_wage_last_2_years), first_month: s.first_month, last_month: s.last_month,
});
const years = new Map();
for (const workshop of records.workshops) {
  for (const month of workshop.months) {
    const year = month.month.slice(0, 4);
    if (!years.has(year)) years.set(year, new Map());
    const byWorkshop = years.get(year);
    if (!byWorkshop.has(workshop.workshop_code)) byWorkshop.set(workshop.workshop_code, { workshop, months: [] });
    byWorkshop.get(workshop.workshop_code).months.push(month);
  }
}
const sections = [...years.keys()].sort().reverse().map((year, index) => {
  const parts = [...years.get(year).values()];
  const days = parts.reduce((sum, p) => sum + p.months.reduce((d, m) => d + m.days, 0), 0);
  const details = el('details', {}, el('summary', {}, el('span', { text: text('year', { year }) }), ' — ', el('span', { text: text('year_days', { days: number(days) }) })));
  if (index === 0) details.open = true;
  for (const { workshop, months } of parts) {
    months.sort((a, b) => a.month.localeCompare(b.month));
    details.append(table(`${text('workshop')}: ${workshop.workshop_name} (${workshop.workshop_code}) — ${workshop.employer_name}`,
      [text('month'), text('days_col'), text('wage'), text('job')],
      months.map((m) => [m.month, number(m.days), rials(m.wage), m.job_title || '—'])));
  }
  return details;
});
document.getElementById('years').replaceChildren(...(sections.length ? sections : [el('p', { text: text('none') })]));
