// Step 3: identity as on the birth certificate, the birth date as three fields.
import { api, go, handle, jalaliDay, restore } from './common.js';
import { keep, registration } from './wizard.js';

const form = document.getElementById('form');
const kept = registration();
restore(form, kept.identity);
handle(form, async (v) => {
  keep('identity', v);
  const body = { first_name: v.first_name, last_name: v.last_name, father_name: v.father_name, birth_date: jalaliDay(v, 'birth_date'), gender: v.gender };
  await api('PUT', `/registrations/${kept.id}/identity`, body);
  go('register/email.html');
});
