// Step 4: an optional email; it is sent with the password and answers in step 6.
import { go, handle, refuse, restore } from './common.js';
import { keep, registration } from './wizard.js';

const form = document.getElementById('form');
restore(form, registration().email);
handle(form, async (v) => {
  if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) { refuse(form, { email: 'INVALID_EMAIL' }); return; }
  keep('email', v);
  go('register/questions.html');
});
