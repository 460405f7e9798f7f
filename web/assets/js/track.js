// پیگیری ثبت نام: the status of a registration by national code and tracking code.
import { api, fill, handle, text } from './common.js';

const form = document.getElementById('form');
const result = document.getElementById('result');
handle(form, async (v) => {
  result.hidden = true;
  const { status } = await api('GET', '/registrations/status?' + new URLSearchParams(v));
  fill(result, { status_text: text('status.' + status) });
  result.hidden = false;
});
