// Every active permit of the person stops at once.
import { api, handle } from './common.js';

const form = document.getElementById('form');
handle(form, async () => {
  await api('DELETE', '/me/permits');
  form.hidden = true;
  const done = document.getElementById('done');
  done.hidden = false;
  done.focus();
});
