// Step 1: national code and mobile; a code is texted and the registration id is kept for this tab only.
import { api, go, handle, onceKey, restore, saved } from './common.js';

const form = document.getElementById('form');
const kept = saved.get('registration') || {};
restore(form, kept.start);
handle(form, async (v) => {
  const started = await api('POST', '/registrations', v, { key: onceKey(form) });
  saved.set('registration', { start: v, id: started.registration_id, tracking_code: started.tracking_code });
  go('register/code.html');
});
