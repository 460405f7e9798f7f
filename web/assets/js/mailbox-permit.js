// صدور مجوز استعلام: a validity, and optionally one institution found by name.
import { api, el, go, handle, onceKey, refuse, text } from './common.js';
import { trackingNumber } from './mailbox.js';

const form = document.getElementById('form');
const search = document.getElementById('search');
const box = document.getElementById('institutions');
handle(search, async (v) => {
  const { items } = await api('GET', '/institutions?' + new URLSearchParams({ query: v.query }));
  for (const old of box.querySelectorAll('[data-found]')) old.remove();
  if (!items.length) box.append(el('p', { 'data-found': '', role: 'status', text: text('no_institution') }));
  for (const i of items) {
    const id = 'f-institution_id-' + i.institution_id;
    box.append(el('div', { class: 'choice', 'data-found': '' }, el('input', { type: 'radio', id, name: 'institution_id', value: i.institution_id }), el('label', { for: id, text: i.name })));
  }
});
handle(form, async (v) => {
  if (!v.validity) { refuse(form, { validity: 'INVALID_VALIDITY' }); return; }
  const body = { validity: v.validity };
  if (v.institution_id) body.institution_id = v.institution_id;
  try {
    await api('POST', `/me/mailbox/${encodeURIComponent(trackingNumber)}/permit`, body, { key: onceKey(form) });
  } catch (error) {
    if (error.code !== 'PERMIT_ALREADY_ACTIVE') throw error;
  }
  sessionStorage.setItem('permit-institution', form.querySelector('[name=institution_id]:checked + label')?.textContent || '');
  go('mailbox/code.html?tn=' + encodeURIComponent(trackingNumber));
});
