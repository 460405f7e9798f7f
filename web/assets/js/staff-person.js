// A branch officer looks a person up (the read is audited and shown to the person); the actions their state allows.
import { T, fill, handle, number, param, text, time } from './common.js';
import { call, member, notice } from './office.js';

await member('branch_officer');
if (param('done')) notice(param('done'));
const form = document.getElementById('form');

async function lookup(code) {
  const person = await call('GET', '/staff/people/' + encodeURIComponent(code));
  const status = person.account_status;
  fill(document, {
    name: `${person.first_name} ${person.last_name}`, national_code: person.national_code, mobile_masked: person.mobile_masked,
    account_status: text(status ? ('account.' + status in T ? 'account.' + status : 'status.' + status) : 'account.none'),
    registration: person.registration ? `${text('status.' + person.registration.status)} — ${person.registration.tracking_code} — ${time(person.registration.submitted_at)}` : '—',
    dependents: number(person.dependents.length),
  });
  const awaiting = person.registration && person.registration.status === 'branch_visit_required';
  document.querySelector('[data-action=activate]').hidden = !awaiting;
  document.querySelector('[data-action=unfreeze]').hidden = !person.frozen;
  document.querySelector('[data-action=mobile]').hidden = !status;
  for (const link of document.querySelectorAll('[data-link]')) link.href = `${link.dataset.link}?nc=${person.national_code}`;
  document.getElementById('found').hidden = false;
  history.replaceState(null, '', '?nc=' + person.national_code);
}

handle(form, (v) => lookup(v.national_code));
const code = param('nc');
if (code) {
  form.elements.national_code.value = code;
  await lookup(code).catch(() => null);
}
