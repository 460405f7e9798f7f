// Changing the password: the current one, then the new one under the published rules.
import { api, handle } from './common.js';
import { nameViolations } from './password.js';

const form = document.getElementById('form');
handle(form, async (v) => {
  try {
    await api('PUT', '/me/password', v);
  } catch (error) {
    if (error.code === 'INVALID_CURRENT_PASSWORD') error.fields = { current_password: 'INVALID_CURRENT_PASSWORD' };
    throw nameViolations(error, 'new_password', 'new_password_repeat');
  }
  form.reset();
  const done = document.getElementById('done');
  done.hidden = false;
  done.focus();
});
