// اعلام سابقه: type, language and the agreement; the letter goes to the mailbox.
import { api, el, go, handle, lang, onceKey, refuse } from './common.js';

const form = document.getElementById('form');
const types = await api('GET', '/disclosure-types');
const box = document.getElementById('types');
types.forEach((type, i) => {
  const id = i === 0 ? 'f-type' : 'f-type-' + type.id;
  box.append(el('div', { class: 'choice' }, el('input', { type: 'radio', id, name: 'type', value: type.id }),
    el('label', { for: id, text: lang === 'en' ? type.title_en : type.title })));
});
document.getElementById('agreement').replaceChildren(el('p', { text: types[0].agreement }));
form.querySelector(`[name=language][value=${lang}]`).checked = true;
handle(form, async (v) => {
  if (!v.type) { refuse(form, { type: 'UNKNOWN_TYPE' }); return; }
  const issued = await api('POST', '/me/disclosures', v, { key: onceKey(form) });
  go('mailbox/letter.html?tn=' + encodeURIComponent(issued.tracking_number));
});
