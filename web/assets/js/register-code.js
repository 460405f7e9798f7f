// Step 2: the SMS code proves the person holds the phone.
import { api, fill, go, handle, text } from './common.js';
import { registration } from './wizard.js';

const form = document.getElementById('form');
const kept = registration();
fill(document, { mobile: kept.start.mobile });
handle(form, async (v) => {
  try {
    await api('POST', `/registrations/${kept.id}/mobile-verification`, v);
  } catch (error) {
    if (error.code === 'INVALID_CODE') { error.fields = { code: 'INVALID_CODE' }; error.message += ' ' + text('attempts_left', { n: error.detail.attempts_left }); }
    throw error;
  }
  go('register/identity.html');
});
