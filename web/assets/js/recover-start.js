// بازیابی گذرواژه, step 1: the national code; the answer never says whether an account exists.
import { api, go, handle, onceKey, saved } from './common.js';

const form = document.getElementById('form');
handle(form, async (v) => {
  const started = await api('POST', '/password-recovery', v, { key: onceKey(form) });
  saved.set('recovery', { id: started.recovery_id });
  go('recover/method.html');
});
