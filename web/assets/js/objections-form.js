// Both objection forms (the kind is the form's data-kind): months as year and month fields, the tracking code shown on success.
import { api, fill, handle, onceKey } from './common.js';

const form = document.getElementById('form');
const month = (v, name) => (v[name + '_year'] || v[name + '_month'] ? `${v[name + '_year']}/${String(v[name + '_month']).padStart(2, '0')}` : '');
handle(form, async (v) => {
  const body = { kind: form.dataset.kind, workshop_code: v.workshop_code, workshop_name: v.workshop_name, from_month: month(v, 'from_month'),
    to_month: month(v, 'to_month'), days: v.days === '' ? null : Number(v.days), description: v.description };
  if (Number.isNaN(body.days)) body.days = v.days;
  const done = await api('POST', '/me/objections', body, { key: onceKey(form) });
  form.hidden = true;
  const panel = document.getElementById('done');
  fill(panel, done);
  panel.hidden = false;
  panel.focus();
});
