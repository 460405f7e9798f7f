// Step 8: accepting the terms sends the registration; its outcome page polls until verification ends.
import { api, go, handle, refuse, saved } from './common.js';
import { registration } from './wizard.js';

const form = document.getElementById('form');
const kept = registration();
handle(form, async (v) => {
  if (!v.accept_terms) { refuse(form, { accept_terms: 'MUST_ACCEPT' }); return; }
  const sent = await api('POST', `/registrations/${kept.id}/submit`, { accept_terms: true });
  saved.set('registration', { done: true, id: kept.id, national_code: kept.start.national_code, tracking_code: sent.tracking_code, status: sent.status });
  go('register/done.html');
});
