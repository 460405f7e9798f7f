// Login with a session cookie; a throttled login says how many minutes to wait.
import { api, go, handle } from './common.js';

const form = document.getElementById('form');
handle(form, async (v) => {
  try {
    await api('POST', '/auth/login', { national_code: v.national_code, password: v.password, cookie: true });
  } catch (error) {
    if (error.code === 'ACCOUNT_FROZEN') { go('account/frozen.html'); return; }
    if (error.code === 'INVALID_CREDENTIALS') error.fields = { password: 'INVALID_CREDENTIALS' };
    throw error;
  }
  go('dashboard.html');
});
